import { RDD } from '../rdd';
import type { SparkContext } from '../sparkContext';
import { SocketReceiver, type SocketReceiverEvents } from './socketReceiver';
import type { CapturedInput, InputOperator } from './streamOperator';

/**
 * `socketTextStream(hostname, port)`: a TCP client (Spark's SocketReceiver) whose lines received since
 * the previous batch form the next batch (one partition). A batch's lines go into the checkpoint with
 * its claim, so a batch interrupted by a crash is re-run with the same lines; lines received but not yet
 * claimed by a batch are lost in a crash, as in Spark without a write-ahead log.
 */
export class SocketInputOperator implements InputOperator<string> {
  readonly kind = 'socketTextStream';
  readonly name = 'socketTextStream';
  readonly signature: string;
  readonly parents = [];
  readonly mustCheckpoint = false;
  readonly parentRememberExtraMs = 0;
  readonly readsParentHistory = false;
  readonly readsOwnHistory = false;
  readonly receiver: SocketReceiver;
  private readonly claimed = new Map<number, string[]>();

  constructor(
    private readonly sc: SparkContext,
    hostname: string,
    port: number,
    readonly slideMs: number,
    events: SocketReceiverEvents,
  ) {
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new RangeError(`socketTextStream: port must be an integer between 1 and 65535, got ${port}`);
    }
    this.signature = `socketTextStream(${hostname}:${port})`;
    this.receiver = new SocketReceiver(hostname, port, events);
  }

  start(): void {
    this.receiver.start();
  }

  async capture(): Promise<CapturedInput> {
    const lines = this.receiver.takeLines();
    return { payload: lines, nonEmpty: lines.length > 0 };
  }

  commit(time: number, payload: unknown): void {
    this.claimed.set(time, payload as string[]);
  }

  async load(): Promise<void> {}

  compute(time: number): RDD<string> | undefined {
    const lines = this.claimed.get(time);
    if (!lines) return undefined;
    return RDD.fromPartitions(this.sc, lines.length > 0 ? [lines] : []);
  }

  inputInfo(time: number): { files: string[]; records: number } {
    return { files: [], records: this.claimed.get(time)?.length ?? 0 };
  }

  sourceState(): null {
    return null;
  }

  hasUntakenData(): boolean {
    return this.receiver.hasBufferedLines();
  }

  forget(time: number): void {
    for (const t of [...this.claimed.keys()]) if (t <= time) this.claimed.delete(t);
  }

  stop(): void {
    this.receiver.stop();
  }
}
