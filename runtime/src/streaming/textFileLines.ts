import { readFile } from 'node:fs/promises';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a whole text file as lines with Hadoop's rules (as Spark's text inputs do): a line ends at `\n`,
 * `\r\n` or a lone `\r`; a last line without a newline is still a line; an empty file has none. A
 * byte-order mark is kept, as Spark keeps it. Bytes that are not UTF-8 fail with the file's path (Spark
 * would substitute U+FFFD silently).
 */
export async function readTextFileLines(path: string): Promise<string[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`Cannot read input file ${path}: ${(error as Error).message}`, { cause: error });
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch (error) {
    throw new Error(`Input file ${path} is not valid UTF-8 text`, { cause: error });
  }
  return splitLines(text);
}

/** Splits text into lines on `\n`, `\r\n` or `\r`, without a trailing empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
