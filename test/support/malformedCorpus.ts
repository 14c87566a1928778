// Malformed and unusual input files, each with what a line-based reader (textFile, textFileStream) must
// make of it: the exact lines, or an error naming the file. Shared so that the DataFrame readers' tests
// (CSV modes PERMISSIVE / DROPMALFORMED / FAILFAST) can add their own expectations for the same bytes.

export type LineExpectation =
  /** Exactly these lines (the number of lines is what matters most: nothing dropped, nothing invented). */
  | { readonly lines: readonly string[] }
  /** This many lines, with a check of the ones that matter (for inputs too big to spell out). */
  | { readonly lineCount: number; readonly check?: (lines: readonly string[]) => string | undefined }
  /** The read fails with an error naming the file; `message` matches the rest. */
  | { readonly error: RegExp };

export interface MalformedInput {
  readonly kind: string;
  /** Why the expectation is what it is (Spark's behaviour, or ours where we deliberately differ). */
  readonly why: string;
  readonly bytes: () => Buffer;
  readonly expect: LineExpectation;
}

const text = (s: string) => () => Buffer.from(s, 'utf8');
const bytes =
  (...parts: (string | number[])[]) =>
  () =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const tenMegabytes = 10 * 1024 * 1024;
const invalidUtf8 = /not valid UTF-8|Invalid UTF-8/;

export const malformedInputs: readonly MalformedInput[] = [
  {
    kind: 'ragged rows',
    why: 'text readers do not know about fields: every line is a record',
    bytes: text('id,key,value\n1,A\n2,B,60,extra,more\n\n3\n'),
    expect: { lines: ['id,key,value', '1,A', '2,B,60,extra,more', '', '3'] },
  },
  {
    kind: 'unbalanced quotes',
    why: 'quotes mean nothing to a line reader (as in Spark textFile)',
    bytes: text('1,"open,3\n2,close",4\n"\n'),
    expect: { lines: ['1,"open,3', '2,close",4', '"'] },
  },
  {
    kind: 'embedded newline in a quoted field',
    why: 'a line reader splits it into two records, as Spark textFile does (only the CSV reader with multiLine joins them)',
    bytes: text('1,"multi\nline",3\n'),
    expect: { lines: ['1,"multi', 'line",3'] },
  },
  { kind: 'empty file', why: 'no bytes, no line', bytes: text(''), expect: { lines: [] } },
  {
    kind: 'header only',
    why: 'the header is a line like any other',
    bytes: text('id,key,value\n'),
    expect: { lines: ['id,key,value'] },
  },
  {
    kind: 'byte-order mark',
    why: 'kept at the start of the first line, as Spark keeps it',
    bytes: text('\uFEFFid,key\n1,A\n'),
    expect: { lines: ['\uFEFFid,key', '1,A'] },
  },
  {
    kind: 'CRLF line ends',
    why: 'Hadoop line ends: \\r\\n',
    bytes: text('a,1\r\nb,2\r\n'),
    expect: { lines: ['a,1', 'b,2'] },
  },
  {
    kind: 'lone CR line ends',
    why: 'Hadoop line ends: a lone \\r',
    bytes: text('a\rb\r'),
    expect: { lines: ['a', 'b'] },
  },
  {
    kind: 'mixed line ends',
    why: '\\n, \\r\\n and \\r all end a line; \\r\\r is an empty line between',
    bytes: text('a\r\nb\nc\r\rd'),
    expect: { lines: ['a', 'b', 'c', '', 'd'] },
  },
  {
    kind: 'no trailing newline',
    why: 'the last line still counts',
    bytes: text('a\nb'),
    expect: { lines: ['a', 'b'] },
  },
  {
    kind: 'only newlines',
    why: 'each newline ends an empty line',
    bytes: text('\n\n\n'),
    expect: { lines: ['', '', ''] },
  },
  {
    kind: 'whitespace lines',
    why: 'kept as they are',
    bytes: text(' \n\t\n  x  \n'),
    expect: { lines: [' ', '\t', '  x  '] },
  },
  {
    kind: 'NUL bytes',
    why: 'valid UTF-8: kept inside the line',
    bytes: text('a\u0000b\n\u0000\n'),
    expect: { lines: ['a\u0000b', '\u0000'] },
  },
  {
    kind: 'four-byte characters',
    why: 'emoji and astral characters survive chunk boundaries intact',
    bytes: text(`${'😀'.repeat(3000)}\n𝄞,ü\n`),
    expect: { lines: ['😀'.repeat(3000), '𝄞,ü'] },
  },
  {
    kind: 'a 10 MB line',
    why: 'one line, however long, read whole',
    bytes: () => Buffer.concat([Buffer.alloc(tenMegabytes, 'x'), Buffer.from('\nshort\n')]),
    expect: {
      lineCount: 2,
      check: (lines) =>
        lines[0] === 'x'.repeat(tenMegabytes) && lines[1] === 'short'
          ? undefined
          : `line lengths ${lines.map((l) => l.length).join(', ')}`,
    },
  },
  {
    kind: 'a 10 MB line without a trailing newline',
    why: 'the last line counts, however long',
    bytes: () => Buffer.concat([Buffer.from('first\n'), Buffer.alloc(tenMegabytes, 'y')]),
    expect: {
      lineCount: 2,
      check: (lines) =>
        lines[0] === 'first' && lines[1].length === tenMegabytes ? undefined : 'wrong lines',
    },
  },
  {
    kind: '100,000 short lines',
    why: 'nothing dropped at chunk or split boundaries',
    bytes: () => Buffer.from(Array.from({ length: 100_000 }, (_, i) => `${i},k${i % 7}\n`).join('')),
    expect: {
      lineCount: 100_000,
      check: (lines) => {
        const seen = new Set(lines.map((l) => Number(l.split(',')[0])));
        return seen.size === 100_000 ? undefined : `${seen.size} distinct lines`;
      },
    },
  },
  {
    kind: 'non-UTF-8 byte (Latin-1 é)',
    why: 'refused with the file named (Spark would substitute U+FFFD silently)',
    bytes: bytes('ok\ncaf', [0xe9], '\n'),
    expect: { error: invalidUtf8 },
  },
  {
    kind: 'truncated multi-byte sequence at the end',
    why: 'refused with the file named',
    bytes: bytes('ok\n', [0xe2, 0x82]),
    expect: { error: invalidUtf8 },
  },
  {
    kind: 'overlong encoding',
    why: 'refused with the file named',
    bytes: bytes('a', [0xc0, 0xaf], '\n'),
    expect: { error: invalidUtf8 },
  },
  {
    kind: 'encoded surrogate',
    why: 'refused with the file named',
    bytes: bytes('a', [0xed, 0xa0, 0x80], '\n'),
    expect: { error: invalidUtf8 },
  },
  {
    kind: 'UTF-16 file',
    why: 'not UTF-8: refused with the file named',
    bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,1\n', 'utf16le')]),
    expect: { error: invalidUtf8 },
  },
];
