import { strict as assert } from 'node:assert';
import { planHintDiagnostics } from '../../../src/hintDiagnosticsPlan';
import { blocked, pipeline } from './pipelines';

describe('planHintDiagnostics', () => {
  it('puts one hint on each blocking operation, with the reason and the fix', () => {
    const stuck = pipeline(
      's',
      { start: 0, end: 200 },
      blocked(
        { message: 'sortBy orders the whole dataset', fix: 'sort each micro-batch with transform()' },
        { message: 'zipWithIndex numbers rows across the dataset', fix: '' },
      ),
    );
    assert.deepEqual(planHintDiagnostics([pipeline('ok', { start: 300, end: 400 }), stuck]), [
      {
        span: { start: 100, end: 105 },
        message:
          'Cannot convert to streaming: sortBy orders the whole dataset — sort each micro-batch with transform()',
        pipelineId: 's',
      },
      {
        span: { start: 110, end: 115 },
        message: 'Cannot convert to streaming: zipWithIndex numbers rows across the dataset',
        pipelineId: 's',
      },
    ]);
  });

  it('gives convertible pipelines no hint', () => {
    assert.deepEqual(planHintDiagnostics([pipeline('ok', { start: 0, end: 10 })]), []);
  });
});
