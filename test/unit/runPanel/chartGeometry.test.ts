import { strict as assert } from 'node:assert';
import { chartGeometry } from '../../../src/runPanel/chartGeometry';

const row = (rows: number, latencyMs: number) => ({ batchTime: 0, rows, files: [], latencyMs });

describe('chartGeometry', () => {
  it('scales bars to the most rows and the latency line to the slowest batch', () => {
    const g = chartGeometry([row(49, 100), row(0, 50), row(98, 200)], { width: 300, height: 100 });
    assert.equal(g.maxRows, 98);
    assert.equal(g.maxLatencyMs, 200);
    assert.deepEqual(
      g.bars.map((b) => [b.x, b.height, b.y]),
      [
        [15, 50, 50],
        [115, 0, 100],
        [215, 100, 0],
      ],
    );
    assert.equal(g.bars[0]!.width, 70);
    assert.equal(g.latencyPoints, '50,50 150,75 250,0');
    assert.match(g.summary, /3 micro-batches: at most 98 rows and 200 ms/);
  });

  it('draws only the most recent batches and numbers them by their place in the whole run', () => {
    const g = chartGeometry([row(1, 1), row(2, 2), row(3, 3)], { maxBatches: 2 });
    assert.equal(g.bars.length, 2);
    assert.equal(g.bars[0]!.label, 'batch 2: 2 rows, 2 ms');
  });

  it('has nothing to draw before the first batch, and flat shapes for empty batches', () => {
    const none = chartGeometry([]);
    assert.deepEqual(none.bars, []);
    assert.equal(none.latencyPoints, '');
    assert.equal(none.summary, 'No micro-batches yet.');
    const empty = chartGeometry([row(0, 0)], { width: 100, height: 50 });
    assert.equal(empty.bars[0]!.height, 0);
    assert.equal(empty.latencyPoints, '50,50');
  });
});

describe('chartGeometry labels', () => {
  it('shows latencies in whole milliseconds', () => {
    const g = chartGeometry([row(3, 16.555)], { width: 100, height: 50 });
    assert.equal(g.maxLatencyMs, 17);
    assert.equal(g.bars[0]!.label, 'batch 1: 3 rows, 17 ms');
    assert.match(g.summary, /3 rows in 17 ms/);
  });
});
