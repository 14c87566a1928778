// Pipelines as `detect` returns them, for the adapter tests (the converter is tested on its own).
import type { BlockReason, Pipeline, TextSpan, Verdict } from '../../../src/convert/api';

export function pipeline(id: string, span: TextSpan, verdict: Verdict = { status: 'convertible' }): Pipeline {
  return {
    id,
    api: 'rdd',
    label: `textFile("${id}.csv") → reduceByKey → saveAsTextFile`,
    span,
    source: { method: 'textFile', path: `${id}.csv`, span: { start: span.start, end: span.start + 10 } },
    steps: [
      { name: 'reduceByKey', kind: 'aggregation', span: { start: span.start + 11, end: span.start + 20 } },
    ],
    sink: { method: 'saveAsTextFile', path: 'out', span: { start: span.end - 10, end: span.end } },
    verdict,
  };
}

export function blocked(...reasons: Omit<BlockReason, 'span'>[]): Verdict {
  return {
    status: 'blocked',
    reasons: reasons.map((r, i) => ({ ...r, span: { start: 100 + i * 10, end: 105 + i * 10 } })),
  };
}
