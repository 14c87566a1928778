// The micro-batch chart's shapes, computed from the rows (pure, so it is unit-tested; the webview only
// turns them into SVG elements): one bar per batch for its rows, a line through the latencies, each
// series scaled to its own maximum, with the maxima shown on the axes.
import type { MicroBatchRow } from './protocol';

export interface ChartBar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Tooltip text. */
  readonly label: string;
}

export interface ChartGeometry {
  readonly width: number;
  readonly height: number;
  readonly bars: readonly ChartBar[];
  /** `x,y x,y ...` for an SVG polyline (empty when there is no batch). */
  readonly latencyPoints: string;
  readonly maxRows: number;
  readonly maxLatencyMs: number;
  /** One sentence for screen readers. */
  readonly summary: string;
}

export interface ChartOptions {
  readonly width: number;
  readonly height: number;
  /** Most recent batches drawn. */
  readonly maxBatches: number;
}

const defaults: ChartOptions = { width: 360, height: 120, maxBatches: 40 };

export function chartGeometry(
  rows: readonly MicroBatchRow[],
  options: Partial<ChartOptions> = {},
): ChartGeometry {
  const { width, height, maxBatches } = { ...defaults, ...options };
  const shown = rows.slice(-maxBatches);
  const maxRows = Math.max(0, ...shown.map((row) => row.rows));
  // Whole milliseconds: the runtime measures with sub-millisecond precision nobody reads on a chart.
  const maxLatencyMs = Math.round(Math.max(0, ...shown.map((row) => row.latencyMs)));
  const slot = shown.length > 0 ? width / shown.length : width;
  const barWidth = Math.max(1, slot * 0.7);
  const bars = shown.map((row, i) => {
    const barHeight = maxRows > 0 ? (row.rows / maxRows) * height : 0;
    return {
      x: round(i * slot + (slot - barWidth) / 2),
      y: round(height - barHeight),
      width: round(barWidth),
      height: round(barHeight),
      label: `batch ${rows.length - shown.length + i + 1}: ${row.rows} rows, ${Math.round(row.latencyMs)} ms`,
    };
  });
  const latencyPoints = shown
    .map((row, i) => {
      const y = maxLatencyMs > 0 ? height - (row.latencyMs / maxLatencyMs) * height : height;
      return `${round(i * slot + slot / 2)},${round(y)}`;
    })
    .join(' ');
  const summary =
    shown.length === 0
      ? 'No micro-batches yet.'
      : `${shown.length} micro-batch${shown.length === 1 ? '' : 'es'}: at most ${maxRows} rows and ${maxLatencyMs} ms latency per batch; the last had ${shown.at(-1)!.rows} rows in ${Math.round(shown.at(-1)!.latencyMs)} ms.`;
  return { width, height, bars, latencyPoints, maxRows, maxLatencyMs, summary };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
