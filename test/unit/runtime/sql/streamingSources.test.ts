import { strict as assert } from 'node:assert';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamingQueryProgress } from '@streamshift/runtime/sql/streaming';
import { session, scratch } from './helpers';

describe('sql: streaming rate and socket sources, listeners and progress', () => {
  const spark = session();
  const tmp = scratch();
  after(async () => {
    for (const q of spark.streams.active) await q.stop();
    tmp.cleanup();
  });

  it('format("rate") produces rowsPerSecond rows with timestamp and consecutive values', async () => {
    const df = spark.readStream.format('rate').option('rowsPerSecond', 200).load();
    assert.deepEqual(df.dtypes, [
      ['timestamp', 'timestamp'],
      ['value', 'bigint'],
    ]);
    const q = df.writeStream.format('memory').queryName('rate_rows').start();
    await new Promise((r) => setTimeout(r, 120));
    await q.processAllAvailable();
    await q.stop();
    const values = spark
      .table('rate_rows')
      .collectArrays()
      .map((r) => r[1] as number);
    assert.ok(values.length >= 10, `got ${values.length} rows`);
    assert.deepEqual(
      values,
      values.map((_, i) => i),
    );
  });

  it('format("socket") reads lines from a TCP server', async () => {
    const clients: Socket[] = [];
    const server: Server = createServer((c) => {
      clients.push(c);
      c.write('hello world\nsecond line\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const lines = spark.readStream.format('socket').option('host', '127.0.0.1').option('port', port).load();
      const q = lines.writeStream.format('memory').queryName('socket_lines').start();
      for (let i = 0; i < 200 && spark.table('socket_lines').count() < 2; i++)
        await new Promise((r) => setTimeout(r, 10));
      await q.stop();
      assert.deepEqual(spark.table('socket_lines').collectArrays(), [['hello world'], ['second line']]);
      assert.throws(() => spark.readStream.format('socket').option('host', 'x').load(), /Set a port/);
    } finally {
      for (const c of clients) c.destroy();
      await new Promise((r) => server.close(r));
    }
  });

  it('reports progress shaped like Spark’s to listeners and to the STREAMSHIFT_EVENTS file', async () => {
    const events = join(tmp.dir, 'events.jsonl');
    const dir = join(tmp.dir, 'in');
    mkdirSync(dir);
    writeFileSync(join(dir, '.a'), 'a,1\nb,2\n');
    renameSync(join(dir, '.a'), join(dir, 'a.csv'));
    const seen: StreamingQueryProgress[] = [];
    const terminated: string[] = [];
    const listener = {
      onQueryProgress: (e: { progress: StreamingQueryProgress }) => seen.push(e.progress),
      onQueryTerminated: (e: { id: string }) => terminated.push(e.id),
    };
    spark.streams.addListener(listener);
    process.env.STREAMSHIFT_EVENTS = events;
    try {
      const q = spark.readStream
        .schema('k STRING, v INT')
        .csv(dir)
        .groupBy('k')
        .count()
        .writeStream.outputMode('complete')
        .format('memory')
        .queryName('progress_q')
        .start();
      await q.processAllAvailable();
      assert.equal(spark.streams.get(q.id), q);
      await q.stop();
      const p = q.lastProgress!;
      assert.deepEqual(Object.keys(p), [
        'id',
        'runId',
        'name',
        'timestamp',
        'batchId',
        'numInputRows',
        'inputRowsPerSecond',
        'processedRowsPerSecond',
        'durationMs',
        'eventTime',
        'stateOperators',
        'sources',
        'sink',
      ]);
      assert.equal(p.name, 'progress_q');
      assert.equal(p.numInputRows, 2);
      assert.match(p.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.ok(
        p.durationMs.triggerExecution! >= 0 && 'addBatch' in p.durationMs && 'walCommit' in p.durationMs,
      );
      assert.equal(p.stateOperators[0].numRowsTotal, 2);
      assert.match(p.sources[0].description, /^FileStreamSource\[file:/);
      assert.deepEqual(p.sink, { description: 'MemorySink', numOutputRows: 2 });
      assert.deepEqual(seen, [p]);
      assert.deepEqual(terminated, [q.id]);
      const lines = readFileSync(events, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { type: string });
      assert.deepEqual(
        lines.map((l) => l.type),
        ['queryStarted', 'queryProgress', 'queryTerminated'],
      );
      assert.equal(await spark.streams.awaitAnyTermination(10), true);
    } finally {
      delete process.env.STREAMSHIFT_EVENTS;
      spark.streams.removeListener(listener);
    }
  });

  it('a failing batch stops the query; awaitTermination rejects with the cause', async () => {
    const dir = join(tmp.dir, 'fail');
    mkdirSync(dir);
    writeFileSync(join(dir, '.a'), 'a,1\n');
    renameSync(join(dir, '.a'), join(dir, 'a.csv'));
    const q = spark.readStream
      .schema('k STRING, v INT')
      .csv(dir)
      .writeStream.foreachBatch(() => {
        throw new Error('sink exploded');
      })
      .start();
    await assert.rejects(
      q.awaitTermination(),
      /\[STREAM_FAILED\] Query \[id = .*, runId = .*\] terminated with exception: sink exploded/,
    );
    assert.equal(q.isActive, false);
    assert.match(q.exception()!.message, /sink exploded/);
  });
});
