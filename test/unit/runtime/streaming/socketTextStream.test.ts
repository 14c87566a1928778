import { strict as assert } from 'node:assert';
import { createServer, type Server, type Socket } from 'node:net';
import { collectBatches, stopEverything, streamingKit } from './streamingTestKit';

/** A local TCP server (127.0.0.1 only) like `nc -lk`: hands each connection to `onConnection`. */
async function listen(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return { server, port: address.port };
}

describe('socketTextStream', () => {
  beforeEach(stopEverything);
  afterEach(stopEverything);

  it('receives lines from a TCP server (\\n, \\r\\n, and a last line without newline) into the next batch', async () => {
    const { server, port } = await listen((socket) => {
      // Split mid-line and mid-character to exercise the decoder and line splitter.
      const bytes = Buffer.from('hello world\r\nsecond ünïcode line\npartial', 'utf8');
      socket.write(bytes.subarray(0, 8));
      socket.write(bytes.subarray(8, 22));
      socket.end(bytes.subarray(22));
    });
    try {
      const { ssc, advanceBatches } = streamingKit(1);
      const lines = ssc.socketTextStream('127.0.0.1', port);
      const batches = collectBatches(lines);
      const words = collectBatches(lines.flatMap((line) => line.split(' ')).count());
      const closed = new Promise<string>((resolve) =>
        ssc.addStreamingListener({ onReceiverError: (e) => resolve(e.message) }),
      );
      ssc.start();
      // The server closes after writing: by then every byte has arrived (Spark then restarts the receiver).
      assert.match(await closed, /Socket data stream from 127\.0\.0\.1:\d+ had no more data/);
      await advanceBatches();
      await advanceBatches();
      assert.deepEqual(batches, [['hello world', 'second ünïcode line', 'partial'], []]);
      assert.deepEqual(words, [[6], []]); // an empty batch has no partitions: PySpark's count() emits nothing
    } finally {
      server.close();
    }
  });

  it('reports a refused connection to listeners and keeps running (the receiver retries, as Spark’s does)', async () => {
    const { server, port } = await listen(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve())); // nothing listens on port now
    const { ssc, advanceBatches } = streamingKit(1);
    const batches = collectBatches(ssc.socketTextStream('127.0.0.1', port));
    const refused = new Promise<string>((resolve) =>
      ssc.addStreamingListener({ onReceiverError: (e) => resolve(e.message) }),
    );
    ssc.start();
    assert.match(await refused, new RegExp(`Error connecting to 127\\.0\\.0\\.1:${port}`));
    await advanceBatches();
    assert.deepEqual(batches, [[]]);
    assert.equal(ssc.getState(), 'ACTIVE');
  });

  it('a graceful stop takes the lines already received in one last batch', async () => {
    const { server, port } = await listen((socket) => socket.end('late line\n'));
    try {
      const { ssc, clock, batchMs } = streamingKit(1);
      const batches = collectBatches(ssc.socketTextStream('127.0.0.1', port));
      const closed = new Promise<void>((resolve) =>
        ssc.addStreamingListener({ onReceiverError: () => resolve() }),
      );
      ssc.start();
      await closed;
      const stopped = ssc.stop({ stopGracefully: true, stopSparkContext: false });
      await clock.advance(batchMs); // the final batch happens at the next batch time
      await stopped;
      assert.deepEqual(batches, [['late line']]);
      assert.equal(ssc.getState(), 'STOPPED');
    } finally {
      server.close();
    }
  });

  it('refuses a port out of range', () => {
    const { ssc } = streamingKit(1);
    assert.throws(
      () => ssc.socketTextStream('127.0.0.1', 70000),
      /port must be an integer between 1 and 65535/,
    );
  });
});
