// Seed 002's "websocket" mode: lines of text from a TCP socket (`nc -lk 9999`), split into words and
// counted, the running counts printed after every micro-batch. A stream-only job: a socket has no batch
// form (there is no "all the data" to read at once), so there is nothing to convert — it is here to run.
// Host and port: the first two arguments (as the seed's --host/--port), else $SOCKET_HOST and
// $SOCKET_PORT, else localhost 9999.
import { SparkSession } from '@streamshift/runtime/sql';
import { col, explode, split } from '@streamshift/runtime/sql/functions';

const host = process.argv[2] ?? process.env.SOCKET_HOST ?? 'localhost';
const port = Number(process.argv[3] ?? process.env.SOCKET_PORT ?? 9999);

const spark = SparkSession.builder.appName('SocketWordCount').getOrCreate();

const lines = spark.readStream.format('socket').option('host', host).option('port', port).load();

const words = lines.select(explode(split(col('value'), ' ')).alias('word')).filter(col('word').notEqual(''));
const wordCounts = words.groupBy('word').count().orderBy('word');

const query = wordCounts.writeStream.outputMode('complete').format('console').start();
await query.awaitTermination();
