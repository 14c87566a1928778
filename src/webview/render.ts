/// <reference lib="dom" />
// Renders the run panel from its state. Every render rebuilds the view from the state alone; focus is
// put back on the control that had it, so keyboard users keep their place when a micro-batch arrives.
import { chartGeometry } from '../runPanel/chartGeometry';
import type {
  BatchSide,
  Equivalence,
  FeedSide,
  PanelState,
  ResultTable,
  StreamSide,
  WebviewMessage,
} from '../runPanel/protocol';
import { h, svg } from './dom';

export type Post = (message: WebviewMessage) => void;

export function render(root: HTMLElement, state: PanelState, post: Post): void {
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  const seconds = document.getElementById('auto-feed-seconds') as HTMLInputElement | null;
  const typedSeconds = focusedId === 'auto-feed-seconds' && seconds ? seconds.value : undefined;

  root.replaceChildren(
    h('h1', {}, `Run panel: ${state.jobName}`),
    equivalenceSection(state.equivalence, state.feed),
    feedSection(state.feed, state.stream, post),
    h(
      'div',
      { class: 'sides' },
      batchSection(state.batch, state.jobName, post),
      streamSection(state.stream, post),
    ),
  );
  root.setAttribute('aria-busy', 'false');

  if (typedSeconds !== undefined) {
    const input = document.getElementById('auto-feed-seconds') as HTMLInputElement | null;
    if (input) input.value = typedSeconds;
  }
  if (focusedId) document.getElementById(focusedId)?.focus();
}

function batchSection(batch: BatchSide, jobName: string, post: Post): HTMLElement {
  const running = batch.status === 'running';
  return h(
    'section',
    { class: 'side', 'aria-labelledby': 'batch-title' },
    h('h2', { id: 'batch-title' }, `Batch job: ${jobName}`),
    h(
      'div',
      { class: 'toolbar' },
      button('run-batch', running ? 'Running…' : 'Run', 'Run the batch job once on its input', running, () =>
        post({ type: 'runBatch' }),
      ),
      h(
        'span',
        { id: 'batch-status', class: `status ${batch.status}`, role: 'status', 'aria-live': 'polite' },
        batchStatusText(batch),
      ),
    ),
    h(
      'dl',
      { class: 'figures' },
      figure('Duration', batch.durationMs !== undefined ? formatMs(batch.durationMs) : '–'),
      figure('Input rows', batch.inputRows !== undefined ? String(batch.inputRows) : '–'),
      figure('Output rows', batch.outputRows !== undefined ? String(batch.outputRows) : '–'),
    ),
    batch.error ? h('pre', { class: 'error' }, batch.error) : undefined,
    h('h3', {}, 'Result'),
    resultTableElement(batch.result, 'Batch result', 'Run the batch job to see its result.'),
  );
}

function streamSection(stream: StreamSide, post: Post): HTMLElement {
  const active = stream.status === 'running' || stream.status === 'starting';
  const toggle = active
    ? button('stream-toggle', 'Stop', 'Stop the stream job gracefully', false, () =>
        post({ type: 'stopStream' }),
      )
    : button(
        'stream-toggle',
        stream.status === 'stopping' ? 'Stopping…' : 'Start',
        'Start the stream job',
        stream.status === 'stopping' || !stream.jobName,
        () => post({ type: 'startStream' }),
      );
  return h(
    'section',
    { class: 'side', 'aria-labelledby': 'stream-title' },
    h(
      'h2',
      { id: 'stream-title' },
      stream.jobName ? `Stream job: ${stream.jobName}` : 'Stream job: not converted yet',
    ),
    h(
      'div',
      { class: 'toolbar' },
      toggle,
      h(
        'span',
        { id: 'stream-status', class: `status ${stream.status}`, role: 'status', 'aria-live': 'polite' },
        streamStatusText(stream),
      ),
    ),
    stream.error ? h('pre', { class: 'error' }, stream.error) : undefined,
    h('h3', {}, 'Micro-batches'),
    microBatchTable(stream),
    chart(stream),
    h('h3', {}, 'Current result'),
    resultTableElement(stream.result, 'Stream result', 'No micro-batch has written a result yet.'),
  );
}

function feedSection(feed: FeedSide, stream: StreamSide, post: Post): HTMLElement {
  const remaining = feed.files.filter((file) => !file.fed).length;
  const canFeed = remaining > 0;
  const auto = feed.autoFeed;
  const secondsInput = h('input', {
    id: 'auto-feed-seconds',
    type: 'number',
    min: 0.1,
    step: 0.5,
    value: auto.seconds,
    'aria-describedby': 'auto-feed-help',
  });
  const autoCheckbox = h('input', {
    id: 'auto-feed',
    type: 'checkbox',
    checked: auto.enabled,
    disabled: !canFeed && !auto.enabled,
  });
  autoCheckbox.addEventListener('change', () => {
    const seconds = Number(secondsInput.value);
    post({
      type: 'autoFeed',
      enabled: autoCheckbox.checked,
      seconds: Number.isFinite(seconds) && seconds >= 0.1 ? seconds : auto.seconds,
    });
  });
  secondsInput.addEventListener('change', () => {
    const seconds = Number(secondsInput.value);
    if (Number.isFinite(seconds) && seconds >= 0.1)
      post({ type: 'autoFeed', enabled: auto.enabled, seconds });
  });
  return h(
    'section',
    { class: 'feed', 'aria-labelledby': 'feed-title' },
    h('h2', { id: 'feed-title' }, 'Feeding'),
    h(
      'p',
      {},
      'Sample files from ',
      h('code', {}, feed.folder ?? '(none)'),
      ' go into the watched folder ',
      h('code', {}, feed.watched || '–'),
      ' one at a time, each written as a hidden file and renamed, so the stream never reads half a file.',
      stream.status !== 'running' ? ' Start the stream job to have them read.' : '',
    ),
    h(
      'div',
      { class: 'toolbar' },
      button('feed-next', 'Feed next', 'Place the next sample file in the watched folder', !canFeed, () =>
        post({ type: 'feedNext' }),
      ),
      button(
        'feed-all',
        'Feed all',
        'Place every remaining sample file in the watched folder',
        !canFeed,
        () => post({ type: 'feedAll' }),
      ),
      h('span', { class: 'auto' }, autoCheckbox, h('label', { for: 'auto-feed' }, 'Auto-feed every')),
      h(
        'label',
        { class: 'visually-hidden', for: 'auto-feed-seconds' },
        'Seconds between automatically fed files',
      ),
      secondsInput,
      h('span', { id: 'auto-feed-help' }, 'seconds'),
      button('pick-feed-folder', 'Choose folder…', 'Feed from another folder of sample files', false, () =>
        post({ type: 'pickFeedFolder' }),
      ),
      button(
        'reset',
        'Reset…',
        'Stop the stream and clear the watched folder, the checkpoint and the output',
        false,
        () => post({ type: 'reset' }),
      ),
    ),
    feed.error ? h('p', { class: 'error', role: 'alert' }, feed.error) : undefined,
    feed.files.length === 0
      ? h(
          'p',
          { class: 'empty' },
          `No sample files in ${feed.folder ?? 'the feed folder'}: add CSV parts to a feed/ folder beside the job or choose a folder.`,
        )
      : h(
          'ul',
          { class: 'files', 'aria-label': 'Sample files' },
          ...feed.files.map((file) =>
            h(
              'li',
              { class: file.fed ? 'fed' : 'waiting' },
              h('span', { 'aria-hidden': 'true' }, file.fed ? '✓ ' : '○ '),
              file.name,
              file.fed ? ' (fed)' : ' (not fed yet)',
            ),
          ),
        ),
  );
}

function equivalenceSection(equivalence: Equivalence, feed: FeedSide): HTMLElement {
  const files = equivalence.files ?? [];
  const against =
    equivalence.against === 'full-run'
      ? 'the full batch run (all sample files read)'
      : `the batch job over the ${files.length} file${files.length === 1 ? '' : 's'} read so far (${files.join(', ') || 'none'})`;
  let text: string;
  switch (equivalence.status) {
    case 'none':
      text = 'Equivalence: checked after each micro-batch.';
      break;
    case 'checking':
      text = 'Equivalence: checking…';
      break;
    case 'equal':
      text = `✓ Equal: the stream's result equals ${against}.`;
      break;
    case 'different':
      text = `✗ Different from ${against}: ${equivalence.differences?.length ?? 0} key(s) differ.`;
      break;
    case 'unavailable':
      text = `Equivalence cannot be checked: ${equivalence.message ?? ''}`;
      break;
  }
  const fedNotRead = feed.files
    .filter((file) => file.fed && !files.includes(file.name))
    .map((file) => file.name);
  return h(
    'section',
    { class: `equivalence ${equivalence.status}`, 'aria-labelledby': 'equivalence-title' },
    h('h2', { id: 'equivalence-title', class: 'visually-hidden' }, 'Equivalence'),
    h('p', { id: 'equivalence-status', role: 'status', 'aria-live': 'polite' }, text),
    equivalence.status !== 'none' && fedNotRead.length > 0
      ? h('p', { class: 'note' }, `Fed but not read by the stream yet: ${fedNotRead.join(', ')}.`)
      : undefined,
    equivalence.status === 'different' && equivalence.differences
      ? table(
          'Keys whose results differ',
          ['Key', 'Batch', 'Stream'],
          equivalence.differences.map((d) => [d.key, d.batch ?? '(missing)', d.stream ?? '(missing)']),
        )
      : undefined,
  );
}

function microBatchTable(stream: StreamSide): HTMLElement {
  if (stream.batches.length === 0) return h('p', { class: 'empty' }, 'No micro-batches yet.');
  const shown = stream.batches.slice(-12);
  const first = stream.batches.length - shown.length;
  return table(
    'Micro-batches, most recent last',
    ['#', 'Time', 'Rows', 'Files', 'Latency'],
    shown.map((batch, i) => [
      String(first + i + 1),
      new Date(batch.batchTime).toISOString().slice(11, 19),
      String(batch.rows),
      batch.files.join(', ') || '–',
      batch.failed ? `failed: ${batch.failed}` : formatMs(batch.latencyMs),
    ]),
  );
}

function chart(stream: StreamSide): Element {
  const g = chartGeometry(stream.batches);
  const pad = { left: 36, right: 44, top: 8, bottom: 16 };
  return h(
    'figure',
    { class: 'chart' },
    svg(
      'svg',
      {
        role: 'img',
        'aria-label': `Rows and latency per micro-batch. ${g.summary}`,
        viewBox: `0 0 ${g.width + pad.left + pad.right} ${g.height + pad.top + pad.bottom}`,
        width: g.width + pad.left + pad.right,
        height: g.height + pad.top + pad.bottom,
      },
      svg(
        'g',
        { transform: `translate(${pad.left},${pad.top})` },
        svg('line', { class: 'axis', x1: 0, y1: g.height, x2: g.width, y2: g.height }),
        svg('text', { class: 'tick rows', x: -4, y: 8, 'text-anchor': 'end' }, String(g.maxRows)),
        svg('text', { class: 'tick latency', x: g.width + 4, y: 8 }, `${g.maxLatencyMs} ms`),
        ...g.bars.map((bar) =>
          svg(
            'rect',
            { class: 'bar', x: bar.x, y: bar.y, width: bar.width, height: bar.height },
            svg('title', {}, bar.label),
          ),
        ),
        g.latencyPoints ? svg('polyline', { class: 'latency-line', points: g.latencyPoints }) : undefined,
        ...g.latencyPoints
          .split(' ')
          .filter((point) => point !== '')
          .map((point) => {
            const [cx, cy] = point.split(',');
            return svg('circle', { class: 'latency-point', cx, cy, r: 3 });
          }),
      ),
    ),
    h(
      'figcaption',
      {},
      h('span', { class: 'swatch rows', 'aria-hidden': 'true' }),
      ' rows per batch  ',
      h('span', { class: 'swatch latency', 'aria-hidden': 'true' }),
      ' latency (ms)',
    ),
  );
}

function resultTableElement(result: ResultTable | undefined, caption: string, empty: string): HTMLElement {
  if (!result) return h('p', { class: 'empty' }, empty);
  const element = table(caption, result.columns, result.rows);
  if (result.omittedRows > 0)
    element.append(h('p', { class: 'note' }, `${result.omittedRows} more rows not shown.`));
  return element;
}

function table(
  caption: string,
  columns: readonly string[],
  rows: readonly (readonly string[])[],
): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cell))))),
    ),
  );
}

function figure(term: string, value: string): HTMLElement {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

function button(
  id: string,
  text: string,
  title: string,
  disabled: boolean,
  onClick: () => void,
): HTMLButtonElement {
  const element = h('button', { id, type: 'button', title, disabled });
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
}

/** Whole milliseconds below 10 s, seconds with one decimal above. */
function formatMs(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function batchStatusText(batch: BatchSide): string {
  switch (batch.status) {
    case 'idle':
      return 'Not run yet';
    case 'running':
      return 'Running…';
    case 'done':
      return 'Finished';
    case 'failed':
      return 'Failed';
  }
}

function streamStatusText(stream: StreamSide): string {
  const batches = stream.batches.length;
  const count = `${batches} micro-batch${batches === 1 ? '' : 'es'}`;
  switch (stream.status) {
    case 'stopped':
      return batches > 0 ? `Stopped after ${count}` : 'Stopped';
    case 'starting':
      return 'Starting (bundling the job)…';
    case 'running':
      return `Running: ${count}`;
    case 'stopping':
      return 'Stopping gracefully (the current batch and its checkpoint complete)…';
    case 'failed':
      return 'Failed';
  }
}
