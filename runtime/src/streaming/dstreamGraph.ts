import type { DStream } from './dstream';
import type { OutputOperation } from './outputOperation';
import { isInputOperator, type InputOperator } from './streamOperator';

/**
 * The streams of one StreamingContext, in creation order (a stream's parents always come before it), and
 * its output operations (Spark's DStreamGraph). Creation order is also what identifies a stream in a
 * checkpoint: `getOrCreate` re-runs the setup function, which builds the same graph again.
 */
export class DStreamGraph {
  readonly streams: DStream<any>[] = [];
  readonly outputs: OutputOperation[] = [];
  /** The time before the first batch; batch times are zeroTime + k × batch duration. */
  zeroTime: number | undefined;
  /** `ssc.remember(duration)` in ms. */
  rememberMs = 0;
  private state: 'open' | 'started' | 'stopped' = 'open';

  register(stream: DStream<any>): number {
    this.assertOpen();
    this.streams.push(stream);
    return this.streams.length - 1;
  }

  addOutput(operation: OutputOperation): void {
    this.assertOpen();
    this.outputs.push(operation);
  }

  inputs(): { stream: DStream<any>; operator: InputOperator<any> }[] {
    const found: { stream: DStream<any>; operator: InputOperator<any> }[] = [];
    for (const stream of this.streams) {
      if (isInputOperator(stream.operator)) found.push({ stream, operator: stream.operator });
    }
    return found;
  }

  signature(): string[] {
    return this.streams.map((s) => s.operator.signature);
  }

  /**
   * Validates the graph as Spark does at start and works out, for every stream, how long its RDDs must be
   * remembered and whether its data must be kept (and checkpointed) for windows and state.
   */
  prepare(hasCheckpointDirectory: boolean): void {
    if (this.outputs.length === 0) throw new Error('No output operations registered, so nothing to execute');
    const needing = this.streams.find((s) => s.operator.mustCheckpoint);
    if (needing && !hasCheckpointDirectory) {
      throw new Error(
        'The checkpoint directory has not been set. Please set it by StreamingContext.checkpoint(). ' +
          `(${needing.operator.name} keeps state across batches, which Spark requires to be checkpointed.)`,
      );
    }
    for (const stream of this.streams) stream.rememberMs = 0;
    // Children before parents: a parent must remember as long as its longest-remembering child needs.
    for (let i = this.streams.length - 1; i >= 0; i--) {
      const stream = this.streams[i]!;
      const op = stream.operator;
      stream.rememberMs = Math.max(stream.rememberMs, stream.slideMs, this.rememberMs);
      if (op.readsOwnHistory) stream.keepsHistory = true;
      for (const parent of op.parents) {
        parent.rememberMs = Math.max(parent.rememberMs, stream.rememberMs + op.parentRememberExtraMs);
        if (op.readsParentHistory) parent.keepsHistory = parent.keptForWindows = true;
      }
    }
    this.state = 'started';
  }

  markStopped(): void {
    this.state = 'stopped';
  }

  private assertOpen(): void {
    // Spark's messages (IllegalStateException).
    if (this.state === 'started') {
      throw new Error(
        'Adding new inputs, transformations, and output operations after starting a context is not supported',
      );
    }
    if (this.state === 'stopped') {
      throw new Error(
        'Adding new inputs, transformations, and output operations after stopping a context is not supported',
      );
    }
  }
}
