import { strict as assert } from 'node:assert';
import { planCodeActions } from '../../../src/codeActionPlan';
import { blocked, pipeline } from './pipelines';

const sortReason = {
  message: 'sortBy orders the whole dataset',
  fix: 'sort each micro-batch with transform()',
};

describe('planCodeActions', () => {
  const one = pipeline('a', { start: 10, end: 50 });

  it('offers a preferred action when the cursor is inside the only pipeline', () => {
    const actions = planCodeActions({
      pipelines: [one],
      selection: { start: 20, end: 20 },
      trigger: 'automatic',
    });
    assert.deepEqual(actions, [{ title: 'Convert to streaming', pipelineId: 'a', isPreferred: true }]);
  });

  it('offers nothing when the cursor is outside every pipeline, even when invoked', () => {
    for (const trigger of ['automatic', 'invoke'] as const) {
      assert.deepEqual(planCodeActions({ pipelines: [one], selection: { start: 60, end: 60 }, trigger }), []);
    }
  });

  it('counts a cursor at either end of the span as inside', () => {
    for (const at of [10, 50]) {
      assert.equal(
        planCodeActions({ pipelines: [one], selection: { start: at, end: at }, trigger: 'automatic' }).length,
        1,
      );
    }
  });

  it('offers a selection that covers several pipelines one action each, labelled and not preferred', () => {
    const two = pipeline('b', { start: 60, end: 90 });
    const actions = planCodeActions({
      pipelines: [one, two],
      selection: { start: 0, end: 100 },
      trigger: 'invoke',
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.pipelineId, a.isPreferred]),
      [
        [`Convert to streaming: ${one.label}`, 'a', false],
        [`Convert to streaming: ${two.label}`, 'b', false],
      ],
    );
  });

  it('does not prefer the action when the file has another pipeline', () => {
    const two = pipeline('b', { start: 60, end: 90 });
    const [action] = planCodeActions({
      pipelines: [one, two],
      selection: { start: 20, end: 20 },
      trigger: 'automatic',
    });
    assert.equal(action?.isPreferred, false);
  });

  it('shows a blocked pipeline disabled with its reasons, only when explicitly invoked', () => {
    const stuck = pipeline('s', { start: 10, end: 50 }, blocked(sortReason));
    const selection = { start: 20, end: 20 };
    assert.deepEqual(planCodeActions({ pipelines: [stuck], selection, trigger: 'automatic' }), []);
    assert.deepEqual(planCodeActions({ pipelines: [stuck], selection, trigger: 'invoke' }), [
      {
        title: 'Convert to streaming',
        pipelineId: 's',
        isPreferred: false,
        disabledReason: 'sortBy orders the whole dataset — sort each micro-batch with transform()',
      },
    ]);
  });
});
