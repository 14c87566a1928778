import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SparkSession } from '@streamshift/runtime';
import { useScratchDir } from './context';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'wordcount');

describe('the seed word count (batch.py) on the runtime', () => {
  const dir = useScratchDir();
  let spark: SparkSession | undefined;
  afterEach(() => spark?.stop());

  it('produces exactly the lines of the part file Spark produced (order aside)', () => {
    spark = SparkSession.builder.appName('ExampleRDD').getOrCreate();
    const sc = spark.sparkContext;
    const rdd = sc.textFile(join(FIXTURES, 'batch_input', 'data.csv'));
    const rddFiltered = rdd
      .map((line) => line.split(','))
      .filter((fields) => Number(fields[2]) > 50)
      .map((fields) => [fields[1]!, 1])
      .reduceByKey((x, y) => x + y);
    const out = join(dir(), 'batch_output', 'output.csv');
    rddFiltered.coalesce(1).saveAsTextFile(out);

    const expected = readFileSync(join(FIXTURES, 'expected_batch_output_part-00000.txt'), 'utf8');
    const written = readFileSync(join(out, 'part-00000'), 'utf8');
    const lines = (text: string): string[] =>
      text
        .split('\n')
        .filter((line) => line.length > 0)
        .sort();
    assert.deepEqual(lines(written), lines(expected));
    assert.ok(written.endsWith('\n'));
    assert.equal(readFileSync(join(out, '_SUCCESS'), 'utf8'), '');
  });
});
