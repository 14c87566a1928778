// Spark's rule for the orders stream, written out by hand: the watermark of part k's micro-batch is the
// latest order_timestamp of the *valid* orders in the parts before (withWatermark sits after the quality
// filter, so only valid rows move it) minus 30 minutes, and the deduplication drops a valid order whose
// timestamp is at or before it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const delayMs = 30 * 60_000;

/** The order lines (without header) the stream's deduplication drops as late, in feed order. */
export function lateOrderLines(feedDir: string, parts: readonly string[]): string[] {
  const late: string[] = [];
  let maxEventTime = -Infinity;
  for (const part of parts) {
    const watermark = maxEventTime - delayMs;
    const valid = readFileSync(join(feedDir, part), 'utf8')
      .split('\n')
      .slice(1)
      .filter((line) => line !== '')
      .filter(isValidOrder);
    for (const line of valid) if (eventTime(line) <= watermark) late.push(line);
    for (const line of valid) maxEventTime = Math.max(maxEventTime, eventTime(line));
  }
  return late;
}

/** The quality rule of batch.ts: an order id, a positive quantity and a positive price. */
function isValidOrder(line: string): boolean {
  const [id, , , , quantity, price] = line.split(',');
  return id !== '' && Number(quantity) > 0 && Number(price) > 0;
}

function eventTime(line: string): number {
  return Date.parse(`${line.split(',')[3]}Z`);
}
