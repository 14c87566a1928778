import { RDD } from '../rdd';
import type { SparkContext } from '../sparkContext';
import type { CapturedInput, InputOperator } from './streamOperator';

/** An element of queueStream's queue: an RDD, or the items of one (PySpark parallelizes lists). */
export type QueueItem<T> = RDD<T> | readonly T[];

/**
 * `queueStream(rdds, oneAtATime, default)` (Spark's QueueInputDStream): each batch takes the next RDD of
 * the queue — or all of them, unioned, when `oneAtATime` is false — and, once the queue is empty, the
 * default RDD if one was given, else an empty RDD. The array passed in is the queue itself, as Scala's
 * mutable Queue is: items pushed onto it later are picked up by later batches.
 */
export class QueueInputOperator<T> implements InputOperator<T> {
  readonly kind = 'queueStream';
  readonly name = 'queueStream';
  readonly signature = 'queueStream';
  readonly parents = [];
  readonly mustCheckpoint = false;
  readonly parentRememberExtraMs = 0;
  readonly readsParentHistory = false;
  readonly readsOwnHistory = false;
  private readonly claimed = new Map<number, { rdd: RDD<T>; records: number }>();

  constructor(
    private readonly sc: SparkContext,
    private readonly queue: QueueItem<T>[],
    private readonly oneAtATime: boolean,
    private readonly defaultItem: QueueItem<T> | undefined,
    readonly slideMs: number,
  ) {}

  start(): void {}

  async capture(): Promise<CapturedInput> {
    if (this.queue.length === 0) {
      const rdd =
        this.defaultItem === undefined ? RDD.fromPartitions<T>(this.sc, []) : this.toRDD(this.defaultItem);
      return { payload: rdd, nonEmpty: false };
    }
    const taken = this.oneAtATime ? [this.queue.shift()!] : this.queue.splice(0);
    const rdds = taken.map((item) => this.toRDD(item));
    return { payload: rdds.length === 1 ? rdds[0] : RDD.union(this.sc, rdds), nonEmpty: true };
  }

  commit(time: number, payload: unknown): void {
    const rdd = payload as RDD<T>;
    // Counting runs the RDD once more; queue RDDs are in-memory test and demo data, so that is cheap.
    this.claimed.set(time, { rdd, records: rdd.count() });
  }

  async load(): Promise<void> {}

  compute(time: number): RDD<T> | undefined {
    return this.claimed.get(time)?.rdd;
  }

  inputInfo(time: number): { files: string[]; records: number } {
    return { files: [], records: this.claimed.get(time)?.records ?? 0 };
  }

  sourceState(): null {
    return null;
  }

  hasUntakenData(): boolean {
    return false;
  }

  forget(time: number): void {
    for (const t of [...this.claimed.keys()]) if (t <= time) this.claimed.delete(t);
  }

  stop(): void {}

  private toRDD(item: QueueItem<T>): RDD<T> {
    return item instanceof RDD ? item : this.sc.parallelize([...item]);
  }
}
