import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Reads the lines of one byte range of a text file, Hadoop-style, with synchronous fixed-size reads, so
 * that a file larger than the heap is streamed and only one chunk (plus the current line) is ever held.
 *
 * A file is cut into byte ranges (splits) that know nothing of lines. As in Hadoop's LineRecordReader, a
 * split owns exactly the lines that *start* inside it: it skips the partial line it starts in (unless it
 * starts at byte 0) and reads past its end to finish its last line. `\n` is the byte the ownership rule
 * looks at — it never occurs inside a multi-byte UTF-8 sequence — and within the owned bytes a line ends
 * at `\n`, `\r\n` or a lone `\r`, as Hadoop's line reader does. A last line without a trailing newline is
 * still a line; an empty file has none.
 *
 * Text is decoded as UTF-8 in streaming mode, so a character cut by a chunk boundary is put back
 * together. Bytes that are not valid UTF-8 fail the read with an error naming the file and the byte
 * offset of the chunk (Spark would silently substitute U+FFFD; a silent substitution is a silent
 * corruption, so Streamshift reports it). A byte-order mark is kept, as Spark keeps it.
 */
export function readLinesInRange(
  path: string,
  start: number,
  end: number,
  onLine: (line: string) => void,
  chunkSize: number = readChunkSize,
): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new Error(`Cannot read input file ${path}: ${(error as Error).message}`, { cause: error });
  }
  const buffer = Buffer.allocUnsafe(chunkSize);
  const splitter = new LineSplitter(path, onLine);
  let position = start;
  const read = (length: number): number => {
    try {
      return readSync(fd, buffer, 0, length, position);
    } catch (error) {
      throw new Error(`Cannot read input file ${path} at byte ${position}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  try {
    if (start > 0) {
      // Skip the line that started in an earlier split: everything up to and including the first `\n`
      // at or after byte start-1 (if byte start-1 is `\n`, the split starts exactly on a line).
      position = start - 1;
      for (;;) {
        const count = read(chunkSize);
        if (count === 0) return;
        const newline = buffer.indexOf(10);
        if (newline >= 0 && newline < count) {
          position += newline + 1;
          break;
        }
        position += count;
      }
      if (position >= end) return;
    }
    let lastByte = 10;
    while (position < end) {
      const count = read(Math.min(chunkSize, end - position));
      if (count === 0) break;
      lastByte = buffer[count - 1]!;
      splitter.write(buffer, count, position);
      position += count;
    }
    if (lastByte !== 10) {
      // Finish the line that straddles the end of the split.
      for (;;) {
        const count = read(chunkSize);
        if (count === 0) break;
        const newline = buffer.indexOf(10);
        if (newline >= 0 && newline < count) {
          splitter.write(buffer, newline + 1, position);
          break;
        }
        splitter.write(buffer, count, position);
        position += count;
      }
    }
    splitter.end(position);
  } finally {
    closeSync(fd);
  }
}

/** The read size used by `textFile`; tests shrink it to exercise chunk boundaries with small files. */
export let readChunkSize = 1 << 16;

/** Sets the read size used by `textFile` (internal: for tests). Returns the previous size. */
export function setReadChunkSize(bytes: number): number {
  if (!Number.isInteger(bytes) || bytes < 1) throw new RangeError(`chunk size must be a positive integer`);
  const previous = readChunkSize;
  readChunkSize = bytes;
  return previous;
}

/** Turns decoded text, chunk by chunk, into lines. */
class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private pending = '';

  constructor(
    private readonly path: string,
    private readonly onLine: (line: string) => void,
  ) {}

  write(buffer: Buffer, count: number, offset: number): void {
    this.push(this.decode(buffer.subarray(0, count), offset, true));
  }

  end(offset: number): void {
    const rest = this.decode(undefined, offset, false);
    const text = this.pending + rest;
    this.pending = '';
    if (text.length === 0) return;
    if (text.endsWith('\r')) {
      this.splitWithCarriageReturns(text.slice(0, -1) + '\n');
    } else {
      this.push(text + '\n');
    }
  }

  private decode(bytes: Uint8Array | undefined, offset: number, stream: boolean): string {
    try {
      return this.decoder.decode(bytes, { stream });
    } catch (error) {
      throw new Error(
        `Invalid UTF-8 in input file ${this.path} (in the bytes read at offset ${offset}): ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  private push(text: string): void {
    const chunk = this.pending.length === 0 ? text : this.pending + text;
    if (chunk.indexOf('\r') >= 0) {
      this.splitWithCarriageReturns(chunk);
      return;
    }
    const onLine = this.onLine;
    let from = 0;
    let newline = chunk.indexOf('\n');
    while (newline >= 0) {
      onLine(chunk.slice(from, newline));
      from = newline + 1;
      newline = chunk.indexOf('\n', from);
    }
    this.pending = from === 0 ? chunk : chunk.slice(from);
  }

  /** The slow path for text containing `\r`: `\r\n`, `\r` and `\n` all end a line. */
  private splitWithCarriageReturns(chunk: string): void {
    const onLine = this.onLine;
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (code === 10) {
        onLine(chunk.slice(from, i));
        from = i + 1;
      } else if (code === 13) {
        if (i + 1 === chunk.length) break; // `\r` last: the next chunk may start with its `\n`
        onLine(chunk.slice(from, i));
        if (chunk.charCodeAt(i + 1) === 10) i++;
        from = i + 1;
      }
    }
    this.pending = chunk.slice(from);
  }
}
