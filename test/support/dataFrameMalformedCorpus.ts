// Malformed and unusual input for the DataFrame readers (CSV and JSON lines), with the exact result of
// each parse mode for the schema `id INT, name STRING, amount DOUBLE` — Spark 3's behaviour: PERMISSIVE
// keeps the record with nulls where a field does not parse, DROPMALFORMED drops it, FAILFAST fails naming
// the file and the record's line. The same bytes must give the same rows (or error) read as a batch and
// as a stream.

export type Mode = 'PERMISSIVE' | 'DROPMALFORMED' | 'FAILFAST';

export type ModeExpectation =
  { readonly rows: readonly (readonly unknown[])[] } | { readonly errorLine: number };

export interface DataFrameMalformedInput {
  readonly kind: string;
  readonly format: 'csv' | 'json';
  readonly options?: Readonly<Record<string, string | boolean>>;
  readonly bytes: () => Buffer;
  readonly expect: Readonly<Record<Mode, ModeExpectation>>;
}

export const dataFrameSchema = 'id INT, name STRING, amount DOUBLE';

const text = (s: string) => () => Buffer.from(s, 'utf8');
const same = (rows: readonly (readonly unknown[])[]): Record<Mode, ModeExpectation> => ({
  PERMISSIVE: { rows },
  DROPMALFORMED: { rows },
  FAILFAST: { rows },
});
/** Line `line` is malformed: PERMISSIVE gives `asRead`, DROPMALFORMED keeps `good`, FAILFAST names the line. */
const malformedAt = (
  line: number,
  good: readonly (readonly unknown[])[],
  withMalformed: readonly (readonly unknown[])[],
): Record<Mode, ModeExpectation> => ({
  PERMISSIVE: { rows: withMalformed },
  DROPMALFORMED: { rows: good },
  FAILFAST: { errorLine: line },
});
const bigName = 'x'.repeat(10 * 1024 * 1024);

export const dataFrameMalformedInputs: readonly DataFrameMalformedInput[] = [
  {
    kind: 'CSV ragged row: too few fields',
    format: 'csv',
    bytes: text('1,a,2.5\n2,b\n3,c,4.5\n'),
    expect: malformedAt(
      2,
      [
        [1, 'a', 2.5],
        [3, 'c', 4.5],
      ],
      [
        [1, 'a', 2.5],
        [2, 'b', null],
        [3, 'c', 4.5],
      ],
    ),
  },
  {
    kind: 'CSV ragged row: too many fields',
    format: 'csv',
    bytes: text('1,a,2.5\n2,b,3.5,extra\n'),
    expect: malformedAt(
      2,
      [[1, 'a', 2.5]],
      [
        [1, 'a', 2.5],
        [2, 'b', 3.5],
      ],
    ),
  },
  {
    kind: 'CSV wrong types',
    format: 'csv',
    bytes: text('1,a,2.5\nx,b,3.5\n3,c,y\n'),
    expect: {
      PERMISSIVE: {
        rows: [
          [1, 'a', 2.5],
          [null, 'b', 3.5],
          [3, 'c', null],
        ],
      },
      DROPMALFORMED: { rows: [[1, 'a', 2.5]] },
      FAILFAST: { errorLine: 2 },
    },
  },
  {
    kind: 'CSV unbalanced quote (the quoted field runs to the end of the file)',
    format: 'csv',
    bytes: text('1,"a,2.5\n2,b,3.0\n'),
    expect: malformedAt(1, [], [[1, 'a,2.5\n2,b,3.0\n', null]]),
  },
  {
    kind: 'CSV embedded newline in a quoted field (multiLine)',
    format: 'csv',
    options: { multiLine: true },
    bytes: text('1,"a\nb",2.5\n2,"c",3.5\n'),
    expect: same([
      [1, 'a\nb', 2.5],
      [2, 'c', 3.5],
    ]),
  },
  {
    kind: 'CSV quoted separators and doubled quotes',
    format: 'csv',
    bytes: text('1,"a,""b""",2.5\n'),
    expect: same([[1, 'a,"b"', 2.5]]),
  },
  { kind: 'CSV empty file', format: 'csv', bytes: text(''), expect: same([]) },
  {
    kind: 'CSV header only',
    format: 'csv',
    options: { header: true },
    bytes: text('id,name,amount\n'),
    expect: same([]),
  },
  {
    kind: 'CSV byte-order mark before data',
    format: 'csv',
    bytes: text('\uFEFF1,a,2.5\n'),
    expect: same([[1, 'a', 2.5]]),
  },
  {
    kind: 'CSV byte-order mark before the header',
    format: 'csv',
    options: { header: true },
    bytes: text('\uFEFFid,name,amount\n1,a,2.5\n'),
    expect: same([[1, 'a', 2.5]]),
  },
  {
    kind: 'CSV CRLF line ends',
    format: 'csv',
    bytes: text('1,a,2.5\r\n2,b,3.5\r\n'),
    expect: same([
      [1, 'a', 2.5],
      [2, 'b', 3.5],
    ]),
  },
  {
    kind: 'CSV no trailing newline',
    format: 'csv',
    bytes: text('1,a,2.5\n2,b,3.5'),
    expect: same([
      [1, 'a', 2.5],
      [2, 'b', 3.5],
    ]),
  },
  {
    kind: 'CSV blank lines and empty fields',
    format: 'csv',
    bytes: text('\n1,,\n\n,b,\n'),
    expect: same([
      [1, null, null],
      [null, 'b', null],
    ]),
  },
  {
    kind: 'CSV a 10 MB line',
    format: 'csv',
    bytes: () => Buffer.from(`1,${bigName},2.5\n2,b,3.5\n`),
    expect: same([
      [1, bigName, 2.5],
      [2, 'b', 3.5],
    ]),
  },
  {
    kind: 'CSV non-UTF-8 byte (decoded as U+FFFD, as Spark does)',
    format: 'csv',
    bytes: () => Buffer.concat([Buffer.from('1,caf'), Buffer.from([0xe9]), Buffer.from(',2.5\n')]),
    expect: same([[1, 'caf\uFFFD', 2.5]]),
  },
  {
    kind: 'JSON truncated object',
    format: 'json',
    bytes: text('{"id":1,"name":"a","amount":2.5}\n{"id": 2, "name": \n'),
    expect: malformedAt(
      2,
      [[1, 'a', 2.5]],
      [
        [1, 'a', 2.5],
        [null, null, null],
      ],
    ),
  },
  {
    kind: 'JSON wrong type',
    format: 'json',
    bytes: text('{"id":"x","name":"a","amount":1}\n'),
    expect: malformedAt(1, [], [[null, 'a', 1]]),
  },
  {
    kind: 'JSON values that are not objects',
    format: 'json',
    bytes: text('{"id":1}\n[1,2]\n5\n'),
    expect: malformedAt(
      2,
      [[1, null, null]],
      [
        [1, null, null],
        [null, null, null],
        [null, null, null],
      ],
    ),
  },
  {
    kind: 'JSON blank lines, CRLF, missing fields and no trailing newline',
    format: 'json',
    bytes: text('\r\n{"id":1}\r\n\r\n{"name":"b","amount":3}'),
    expect: same([
      [1, null, null],
      [null, 'b', 3],
    ]),
  },
  { kind: 'JSON empty file', format: 'json', bytes: text(''), expect: same([]) },
  {
    kind: 'JSON a 10 MB line',
    format: 'json',
    bytes: () => Buffer.from(`{"id":1,"name":"${bigName}"}\n`),
    expect: same([[1, bigName, null]]),
  },
];
