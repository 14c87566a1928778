// Child process for textFileLargerThanHeap.test.ts: runs the word-count pipeline over the file named in
// argv[2] and prints the total count. The parent starts it with a heap smaller than the file; with
// argv[3] === 'whole' it instead reads the file in one piece, to show that such a heap cannot hold it.
import { readFileSync } from 'node:fs';
import { SparkContext } from '@streamshift/runtime';

const [path, mode] = process.argv.slice(2);
if (mode === 'whole') {
  console.log(readFileSync(path!, 'utf8').split('\n').length);
} else {
  const sc = new SparkContext('local[2]', 'larger-than-heap');
  const counts = sc
    .textFile(path!)
    .map((line) => line.split(','))
    .filter((fields) => Number(fields[2]) > 50)
    .map((fields) => [fields[1]!, 1])
    .reduceByKey((a, b) => a + b)
    .collect();
  console.log(JSON.stringify({ keys: counts.length, total: counts.reduce((sum, pair) => sum + pair[1], 0) }));
  sc.stop();
}
