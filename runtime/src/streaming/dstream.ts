import { RDD } from '../rdd';
import { pythonStr } from '../pythonRepr';
import { StorageLevel } from '../storageLevel';
import { UserFunctionError } from '../userFunctionError';
import { encodeValue, type Encoded } from './checkpointCodec';
import { secondsToMs } from './durations';
import { filterNamed, mapNamed } from './namedTransforms';
import type { OutputOperation } from './outputOperation';
import { formatPythonDateTime } from './pythonDateTime';
import { ReducedWindowOperator } from './reducedWindowOperator';
import { StateOperator, type UpdateFunction } from './stateOperator';
import { StreamOperationError } from './streamingErrors';
import type { StreamOperator } from './streamOperator';
import type { StreamingContext } from './streamingContext';
import { TransformOperator } from './transformOperator';
import { WindowOperator } from './windowOperator';

/** A batch time as handed to user functions: PySpark passes a `datetime`, this passes a Date. */
export type BatchTime = Date;

/** PySpark's `slice` bounds: a datetime (Date) or seconds since the epoch. */
export type TimeBound = Date | number;

/**
 * A discretized stream (PySpark's DStream): a sequence of RDDs, one per batch interval, with PySpark's
 * operations. Transformations return new DStreams; output operations (foreachRDD, pprint,
 * saveAsTextFiles) register work that runs every batch once the StreamingContext starts.
 */
export class DStream<T> {
  /** @internal Position in the context's graph (creation order), which identifies it in a checkpoint. */
  readonly id: number;
  /** @internal How long generated RDDs are kept (ms), set when the context starts. */
  rememberMs = 0;
  /** @internal Keep each batch's data in memory (and in checkpoints): read again by windows or state. */
  keepsHistory = false;
  /** @internal Kept because a window reads it (every batch's data counts, not only the latest). */
  keptForWindows = false;
  private readonly generated = new Map<number, RDD<T>>();
  private readonly history = new Map<number, T[][]>();
  private storageLevel: StorageLevel | undefined;

  /** @internal Streams are made by a StreamingContext and by other streams' operations. */
  constructor(
    private readonly ssc: StreamingContext,
    /** @internal */ readonly operator: StreamOperator<T>,
  ) {
    this.id = ssc.graph.register(this);
  }

  /** The StreamingContext this stream belongs to. */
  context(): StreamingContext {
    return this.ssc;
  }

  /** @internal Interval between this stream's RDDs in ms. */
  get slideMs(): number {
    return this.operator.slideMs;
  }

  // ------------------------------------------------------------------ per-batch transformations

  // Overloads as on RDD.map: a function returning `[k, v]` makes a stream of tuples, not of arrays.
  map<U extends unknown[] | []>(f: (value: T) => U, preservesPartitioning?: boolean): DStream<U>;
  map<U>(f: (value: T) => U, preservesPartitioning?: boolean): DStream<U>;
  map<U>(f: (value: T) => U, _preservesPartitioning = false): DStream<U> {
    return this.transformNamed('map', (rdd) => rdd.map(f));
  }

  flatMap<U extends unknown[] | []>(
    f: (value: T) => Iterable<U>,
    preservesPartitioning?: boolean,
  ): DStream<U>;
  flatMap<U>(f: (value: T) => Iterable<U>, preservesPartitioning?: boolean): DStream<U>;
  flatMap<U>(f: (value: T) => Iterable<U>, _preservesPartitioning = false): DStream<U> {
    return this.transformNamed('flatMap', (rdd) => rdd.flatMap(f));
  }

  filter(f: (value: T) => unknown): DStream<T> {
    return this.transformNamed('filter', (rdd) => rdd.filter(f));
  }

  mapValues<K, V, U extends unknown[] | []>(this: DStream<[K, V]>, f: (value: V) => U): DStream<[K, U]>;
  mapValues<K, V, U>(this: DStream<[K, V]>, f: (value: V) => U): DStream<[K, U]>;
  mapValues<K, V, U>(this: DStream<[K, V]>, f: (value: V) => U): DStream<[K, U]> {
    return this.transformNamed('mapValues', (rdd) => rdd.mapValues(f));
  }

  flatMapValues<K, V, U>(this: DStream<[K, V]>, f: (value: V) => Iterable<U>): DStream<[K, U]> {
    return this.transformNamed('flatMapValues', (rdd) => rdd.flatMapValues(f));
  }

  mapPartitions<U>(
    f: (iterator: IterableIterator<T>) => Iterable<U>,
    preservesPartitioning = false,
  ): DStream<U> {
    return this.transformNamed('mapPartitions', (rdd) => rdd.mapPartitions(f, preservesPartitioning));
  }

  mapPartitionsWithIndex<U>(
    f: (partitionIndex: number, iterator: IterableIterator<T>) => Iterable<U>,
    preservesPartitioning = false,
  ): DStream<U> {
    return this.transformNamed('mapPartitionsWithIndex', (rdd) =>
      rdd.mapPartitionsWithIndex(f, preservesPartitioning),
    );
  }

  /** Each partition of each batch as one array. */
  glom(): DStream<T[]> {
    return this.transformNamed('glom', (rdd) => rdd.glom());
  }

  /** One element per batch: the batch's elements reduced with `f` (nothing for a batch with no partitions). */
  reduce(f: (value1: T, value2: T) => T): DStream<T> {
    return this.transformNamed('reduce', (rdd) =>
      rdd
        .map((value): [null, T] => [null, value])
        .reduceByKey(f, 1)
        .map((pair) => pair[1]),
    );
  }

  /** One element per batch: its number of elements (PySpark: a partition-wise count, then reduce). */
  count(): DStream<number> {
    return this.mapPartitions((iterator) => {
      let n = 0;
      for (const _ of iterator) n++;
      return [n];
    }).reduce((a, b) => a + b);
  }

  /** Each distinct element of each batch with its number of occurrences. */
  countByValue(): DStream<[T, number]> {
    return this.transformNamed('countByValue', (rdd) =>
      rdd.map((value): [T, number] => [value, 1]).reduceByKey((a, b) => a + b),
    );
  }

  reduceByKey<K, V>(
    this: DStream<[K, V]>,
    f: (value1: V, value2: V) => V,
    numPartitions?: number,
  ): DStream<[K, V]> {
    return this.transformNamed('reduceByKey', (rdd) => rdd.reduceByKey(f, numPartitions));
  }

  combineByKey<K, V, C>(
    this: DStream<[K, V]>,
    createCombiner: (value: V) => C,
    mergeValue: (combiner: C, value: V) => C,
    mergeCombiners: (combiner1: C, combiner2: C) => C,
    numPartitions?: number,
  ): DStream<[K, C]> {
    return this.transformNamed('combineByKey', (rdd) =>
      rdd.combineByKey(createCombiner, mergeValue, mergeCombiners, numPartitions),
    );
  }

  groupByKey<K, V>(this: DStream<[K, V]>, numPartitions?: number): DStream<[K, V[]]> {
    return this.transformNamed('groupByKey', (rdd) => rdd.groupByKey(numPartitions));
  }

  partitionBy<K, V>(
    this: DStream<[K, V]>,
    numPartitions: number,
    partitionFunc?: (key: K) => number,
  ): DStream<[K, V]> {
    return this.transformNamed('partitionBy', (rdd) =>
      partitionFunc ? rdd.partitionBy(numPartitions, partitionFunc) : rdd.partitionBy(numPartitions),
    );
  }

  repartition(numPartitions: number): DStream<T> {
    return this.transformNamed('repartition', (rdd) => rdd.repartition(numPartitions));
  }

  /** The elements of both streams, batch by batch (PySpark: both must have the same slide duration). */
  union<U>(other: DStream<U>): DStream<T | U> {
    if (this.slideMs !== other.slideMs)
      throw new RangeError('the two DStream should have same slide duration');
    return new DStream<T | U>(
      this.ssc,
      new TransformOperator<T | U>('union', [this, other], ([a, b]) => (a as RDD<T>).union(b as RDD<U>)),
    );
  }

  cogroup<K, V, W>(
    this: DStream<[K, V]>,
    other: DStream<[K, W]>,
    numPartitions?: number,
  ): DStream<[K, [V[], W[]]]> {
    return this.transformWithNamed('cogroup', other, (a, b) => a.cogroup(b, numPartitions));
  }

  join<K, V, W>(this: DStream<[K, V]>, other: DStream<[K, W]>, numPartitions?: number): DStream<[K, [V, W]]> {
    return this.transformWithNamed('join', other, (a, b) => a.join(b, numPartitions));
  }

  leftOuterJoin<K, V, W>(
    this: DStream<[K, V]>,
    other: DStream<[K, W]>,
    numPartitions?: number,
  ): DStream<[K, [V, W | null]]> {
    return this.transformWithNamed('leftOuterJoin', other, (a, b) => a.leftOuterJoin(b, numPartitions));
  }

  rightOuterJoin<K, V, W>(
    this: DStream<[K, V]>,
    other: DStream<[K, W]>,
    numPartitions?: number,
  ): DStream<[K, [V | null, W]]> {
    return this.transformWithNamed('rightOuterJoin', other, (a, b) => a.rightOuterJoin(b, numPartitions));
  }

  fullOuterJoin<K, V, W>(
    this: DStream<[K, V]>,
    other: DStream<[K, W]>,
    numPartitions?: number,
  ): DStream<[K, [V | null, W | null]]> {
    return this.transformWithNamed('fullOuterJoin', other, (a, b) => a.fullOuterJoin(b, numPartitions));
  }

  /**
   * Applies an RDD-to-RDD function to every batch: `func(rdd)` or `func(time, rdd)` (PySpark decides by the
   * function's number of parameters, and so does this).
   */
  transform<U>(func: (rdd: RDD<T>) => RDD<U>): DStream<U>;
  transform<U>(func: (time: BatchTime, rdd: RDD<T>) => RDD<U>): DStream<U>;
  transform<U>(func: ((rdd: RDD<T>) => RDD<U>) | ((time: BatchTime, rdd: RDD<T>) => RDD<U>)): DStream<U> {
    const call =
      func.length >= 2
        ? (rdd: RDD<T>, time: number) =>
            (func as (time: BatchTime, rdd: RDD<T>) => RDD<U>)(new Date(time), rdd)
        : (rdd: RDD<T>) => (func as (rdd: RDD<T>) => RDD<U>)(rdd);
    return new DStream<U>(
      this.ssc,
      new TransformOperator<U>('transform', [this], ([rdd], time) => call(rdd!, time)),
    );
  }

  /** Combines this stream's and `other`'s RDDs of each batch: `func(a, b)` or `func(time, a, b)`. */
  transformWith<U, W>(
    func: (a: RDD<T>, b: RDD<U>) => RDD<W>,
    other: DStream<U>,
    keepSerializer?: boolean,
  ): DStream<W>;
  transformWith<U, W>(
    func: (time: BatchTime, a: RDD<T>, b: RDD<U>) => RDD<W>,
    other: DStream<U>,
    keepSerializer?: boolean,
  ): DStream<W>;
  transformWith<U, W>(
    func: ((a: RDD<T>, b: RDD<U>) => RDD<W>) | ((time: BatchTime, a: RDD<T>, b: RDD<U>) => RDD<W>),
    other: DStream<U>,
    _keepSerializer = false,
  ): DStream<W> {
    const call =
      func.length >= 3
        ? (a: RDD<T>, b: RDD<U>, time: number) =>
            (func as (time: BatchTime, a: RDD<T>, b: RDD<U>) => RDD<W>)(new Date(time), a, b)
        : (a: RDD<T>, b: RDD<U>) => (func as (a: RDD<T>, b: RDD<U>) => RDD<W>)(a, b);
    return new DStream<W>(
      this.ssc,
      new TransformOperator<W>('transformWith', [this, other], ([a, b], time) => call(a!, b!, time)),
    );
  }

  /** Keeps every batch's RDD in memory once computed (RDD.persist on each batch). */
  persist(storageLevel?: StorageLevel): this {
    this.storageLevel = storageLevel ?? StorageLevel.MEMORY_ONLY;
    return this;
  }

  cache(): this {
    return this.persist();
  }

  /**
   * PySpark's `DStream.checkpoint(interval)`. Streams with state are checkpointed after every batch
   * whatever the interval; the interval is validated as Spark validates it.
   */
  checkpoint(interval: number): this {
    const ms = secondsToMs(interval, 'checkpoint interval');
    if (ms % this.slideMs !== 0) {
      throw new RangeError(
        `The checkpoint interval (${ms} ms) must be a multiple of the slide duration (${this.slideMs} ms)`,
      );
    }
    return this;
  }

  // ------------------------------------------------------------------ windows and state

  /** The union of the last `windowDuration` seconds of batches, every `slideDuration` seconds. */
  window(windowDuration: number, slideDuration?: number): DStream<T> {
    const [windowMs, slideMs] = this.validateWindow(windowDuration, slideDuration);
    return new DStream<T>(this.ssc, new WindowOperator<T>(this, windowMs, slideMs));
  }

  /**
   * Per key, the values of the window reduced with `func`. With `invFunc` (which "subtracts" values that
   * left the window) the window is maintained incrementally and a checkpoint directory is required; pass
   * null/undefined for no inverse. `filterFunc` (inverse form only) drops pairs from the window's state.
   */
  reduceByKeyAndWindow<K, V>(
    this: DStream<[K, V]>,
    func: (value1: V, value2: V) => V,
    invFunc: ((value1: V, value2: V) => V) | null | undefined,
    windowDuration: number,
    slideDuration?: number | null,
    numPartitions?: number | null,
    filterFunc?: ((pair: [K, V]) => unknown) | null,
  ): DStream<[K, V]> {
    const [windowMs, slideMs] = this.validateWindow(windowDuration, slideDuration ?? undefined);
    const partitions = numPartitions ?? undefined;
    const reduced = this.reduceByKey(func, partitions);
    if (!invFunc) {
      return reduced.window(windowDuration, slideDuration ?? undefined).reduceByKey(func, partitions);
    }
    const reduceFunc = (previous: RDD<[K, V]> | undefined, added: RDD<[K, V]>): RDD<[K, V]> => {
      const addedByKey = added.reduceByKey(func, partitions);
      const merged = previous ? previous.union(addedByKey).reduceByKey(func, partitions) : addedByKey;
      return filterFunc ? filterNamed(merged, 'reduceByKeyAndWindow (filterFunc)', filterFunc) : merged;
    };
    const invReduceFunc = (previous: RDD<[K, V]>, removed: RDD<[K, V]>): RDD<[K, V]> => {
      const removedByKey = removed.reduceByKey(func, partitions);
      return mapNamed(
        previous.leftOuterJoin(removedByKey, partitions),
        'reduceByKeyAndWindow (invFunc)',
        ([key, [kept, gone]]): [K, V] => [key, gone !== null ? invFunc(kept, gone) : kept],
      );
    };
    return new DStream<[K, V]>(
      this.ssc,
      new ReducedWindowOperator<K, V>(reduced, reduceFunc, invReduceFunc, windowMs, slideMs),
    );
  }

  /** The window's elements reduced to one value (PySpark builds it on reduceByKeyAndWindow, keyed by 1). */
  reduceByWindow(
    reduceFunc: (value1: T, value2: T) => T,
    invReduceFunc: ((value1: T, value2: T) => T) | null | undefined,
    windowDuration: number,
    slideDuration?: number,
  ): DStream<T> {
    return this.map((value): [number, T] => [1, value])
      .reduceByKeyAndWindow(reduceFunc, invReduceFunc, windowDuration, slideDuration, 1)
      .map((pair) => pair[1]);
  }

  /** The number of elements in the window (uses an inverse reduce, so it needs a checkpoint directory). */
  countByWindow(windowDuration: number, slideDuration?: number): DStream<number> {
    return this.map(() => 1).reduceByWindow(
      (a, b) => a + b,
      (a, b) => a - b,
      windowDuration,
      slideDuration,
    );
  }

  /** Each distinct element of the window with its count (pairs whose count fell to 0 are left out). */
  countByValueAndWindow(
    windowDuration: number,
    slideDuration?: number,
    numPartitions?: number,
  ): DStream<[T, number]> {
    return this.map((value): [T, number] => [value, 1])
      .reduceByKeyAndWindow(
        (a, b) => a + b,
        (a, b) => a - b,
        windowDuration,
        slideDuration,
        numPartitions,
      )
      .filter((pair) => pair[1] > 0);
  }

  /** Each key with all its values in the window, oldest first. */
  groupByKeyAndWindow<K, V>(
    this: DStream<[K, V]>,
    windowDuration: number,
    slideDuration?: number,
    numPartitions?: number,
  ): DStream<[K, V[]]> {
    return this.mapValues((value) => [value]).reduceByKeyAndWindow(
      (a: V[], b: V[]) => a.concat(b),
      // Values leave the window oldest first, and the oldest are at the front.
      (a: V[], b: V[]) => a.slice(b.length),
      windowDuration,
      slideDuration,
      numPartitions,
    );
  }

  /**
   * Keeps a state per key across batches: `updateFunc(newValues, lastState)` → new state, or
   * null/undefined to drop the key. Needs a checkpoint directory, as in Spark.
   */
  updateStateByKey<K, V, S>(
    this: DStream<[K, V]>,
    updateFunc: UpdateFunction<V, S>,
    numPartitions?: number | null,
    initialRDD?: RDD<[K, S]> | readonly [K, S][] | null,
  ): DStream<[K, S]> {
    const initial =
      initialRDD === null || initialRDD === undefined
        ? undefined
        : initialRDD instanceof RDD
          ? initialRDD
          : this.ssc.sparkContext.parallelize([...initialRDD]);
    return new DStream<[K, S]>(
      this.ssc,
      new StateOperator<K, V, S>(this, updateFunc, numPartitions ?? undefined, initial),
    );
  }

  // ------------------------------------------------------------------ output operations

  /** Runs `func(rdd)` or `func(time, rdd)` on every batch; a returned promise is awaited. */
  foreachRDD(func: (rdd: RDD<T>) => unknown): void;
  foreachRDD(func: (time: BatchTime, rdd: RDD<T>) => unknown): void;
  foreachRDD(func: ((rdd: RDD<T>) => unknown) | ((time: BatchTime, rdd: RDD<T>) => unknown)): void {
    const run =
      func.length >= 2
        ? (time: number, rdd: RDD<T>) =>
            (func as (time: BatchTime, rdd: RDD<T>) => unknown)(new Date(time), rdd)
        : (_time: number, rdd: RDD<T>) => (func as (rdd: RDD<T>) => unknown)(rdd);
    this.addOutput({ name: 'foreachRDD', stream: this, run });
  }

  /** Prints the first `num` elements of every batch the way PySpark's pprint does. */
  pprint(num = 10): void {
    this.addOutput({
      name: 'pprint',
      stream: this,
      run: (time: number, rdd: RDD<T>) => {
        const taken = rdd.take(num + 1);
        const lines = [
          '-------------------------------------------',
          `Time: ${formatPythonDateTime(time)}`,
          '-------------------------------------------',
          ...taken.slice(0, num).map((record) => pythonStr(record)),
        ];
        if (taken.length > num) lines.push('...');
        lines.push('');
        process.stdout.write(lines.join('\n') + '\n');
      },
    });
  }

  /**
   * Saves every batch as a text-file directory `prefix-<batch time in ms>[.suffix]` in Spark's layout. As
   * in PySpark, a directory that already exists is left alone when the batch is one restored from the
   * checkpoint: it was running at the crash, runs again, and may find its output already complete
   * (directories appear atomically, so an existing one is complete). Any other batch finding its directory
   * fails: its time was used before (the clock went backward across a restart), and skipping would drop
   * this batch's output silently.
   */
  saveAsTextFiles(prefix: string, suffix?: string | null): void {
    this.addOutput({
      name: 'saveAsTextFiles',
      stream: this,
      run: (time: number, rdd: RDD<T>) => {
        const path =
          suffix === null || suffix === undefined ? `${prefix}-${time}` : `${prefix}-${time}.${suffix}`;
        try {
          rdd.saveAsTextFile(path);
        } catch (error) {
          if (!/already exists/.test((error as Error).message)) throw error;
          if (!this.ssc.isRecoveredBatch(time)) {
            throw new Error(
              `saveAsTextFiles: ${path} already exists and batch ${time} is not a batch re-run after a restart: ` +
                `this batch time was used before (did the clock go backward since the last run?). Its output is ` +
                `not written over the old one; move ${path} away or restart when the clock is past it.`,
              { cause: error },
            );
          }
        }
      },
    });
  }

  /** The RDDs of this stream from `begin` to `end` (both included), as far as they are remembered. */
  slice(begin: TimeBound, end: TimeBound): RDD<T>[] {
    if (this.ssc.graph.zeroTime === undefined) throw new Error('This DStream has not been initialized');
    const toMs = (bound: TimeBound): number =>
      bound instanceof Date ? bound.getTime() : Math.round(bound * 1000);
    return this.sliceInternal(toMs(begin), toMs(end));
  }

  // ------------------------------------------------------------------ engine internals

  /** @internal The RDD of the batch at `time`, computing it if needed; undefined at invalid times. */
  getOrCompute(time: number): RDD<T> | undefined {
    if (!this.isTimeValid(time)) return undefined;
    const existing = this.peek(time);
    if (existing) return existing;
    let rdd: RDD<T> | undefined;
    let partitions: T[][] | undefined;
    try {
      rdd = this.operator.compute(time, this);
      // Kept data is materialised now, so that it is part of this batch's checkpoint.
      if (rdd && this.keepsHistory) partitions = rdd.glom().collect();
    } catch (error) {
      if (error instanceof UserFunctionError || error instanceof StreamOperationError) throw error;
      throw new StreamOperationError(this.operator.name, this.id, error);
    }
    if (!rdd) return undefined;
    if (partitions) {
      this.history.set(time, partitions);
      rdd = RDD.fromPartitions(this.ssc.sparkContext, partitions);
    } else if (this.storageLevel) {
      rdd.persist(this.storageLevel);
    }
    this.generated.set(time, rdd);
    return rdd;
  }

  /** @internal The RDD already generated (or kept) for `time`, without computing anything. */
  peek(time: number): RDD<T> | undefined {
    const generated = this.generated.get(time);
    if (generated) return generated;
    const kept = this.history.get(time);
    if (!kept) return undefined;
    const rdd = RDD.fromPartitions(this.ssc.sparkContext, kept);
    this.generated.set(time, rdd);
    return rdd;
  }

  /** @internal The kept RDD with the latest time before `time` (state streams). */
  latestBefore(time: number): RDD<T> | undefined {
    let best: number | undefined;
    for (const t of this.history.keys()) if (t < time && (best === undefined || t > best)) best = t;
    return best === undefined ? undefined : this.peek(best);
  }

  /** @internal RDDs at the valid times from `fromMs` to `toMs`, aligned down to the slide (Spark's slice). */
  sliceInternal(fromMs: number, toMs: number): RDD<T>[] {
    const zero = this.ssc.graph.zeroTime;
    if (zero === undefined) throw new Error('This DStream has not been initialized');
    const slide = this.slideMs;
    const floor = (t: number): number => Math.floor((t - zero) / slide) * slide + zero;
    const rdds: RDD<T>[] = [];
    for (let t = floor(fromMs); t <= floor(toMs); t += slide) {
      const rdd = t > zero ? this.getOrCompute(t) : undefined;
      if (rdd) rdds.push(rdd);
    }
    return rdds;
  }

  /** @internal Drops RDDs older than the remember duration after the batch at `time`. */
  forgetBefore(time: number): void {
    const limit = time - this.rememberMs;
    for (const t of [...this.generated.keys()]) if (t <= limit) this.generated.delete(t);
    for (const t of [...this.history.keys()]) if (t <= limit) this.history.delete(t);
  }

  /**
   * @internal True when the batch at `time` added nothing a checkpoint needs: no data for a window, and
   * state equal to the previous batch's.
   */
  isIdleAt(time: number): boolean {
    const current = this.history.get(time);
    if (!current) return true;
    const empty = current.every((partition) => partition.length === 0);
    if (this.keptForWindows && !empty) return false;
    if (!this.operator.readsOwnHistory) return empty;
    let previousTime: number | undefined;
    for (const t of this.history.keys())
      if (t < time && (previousTime === undefined || t > previousTime)) previousTime = t;
    if (previousTime === undefined) return empty;
    const where = `the data of ${this.operator.name} (DStream #${this.id})`;
    return (
      JSON.stringify(encodeValue(this.history.get(previousTime), where)) ===
      JSON.stringify(encodeValue(current, where))
    );
  }

  /** @internal Elements kept across batches (the stream's share of "state size"). */
  historySize(): number {
    let n = 0;
    for (const partitions of this.history.values()) for (const p of partitions) n += p.length;
    return n;
  }

  /** @internal The kept data, for a checkpoint. */
  snapshotHistory(): [number, Encoded][] {
    return [...this.history.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([time, partitions]) => [
        time,
        encodeValue(partitions, `the data of ${this.operator.name} (DStream #${this.id}) at batch ${time}`),
      ]);
  }

  /** @internal Reinstalls kept data from a checkpoint. */
  restoreHistory(entries: readonly [number, T[][]][]): void {
    this.generated.clear();
    this.history.clear();
    for (const [time, partitions] of entries) this.history.set(time, partitions);
  }

  private isTimeValid(time: number): boolean {
    const zero = this.ssc.graph.zeroTime;
    if (zero === undefined) throw new Error('This DStream has not been initialized');
    return time > zero && (time - zero) % this.slideMs === 0;
  }

  private transformNamed<U>(name: string, f: (rdd: RDD<T>) => RDD<U>): DStream<U> {
    return new DStream<U>(this.ssc, new TransformOperator<U>(name, [this], ([rdd]) => f(rdd as RDD<T>)));
  }

  private transformWithNamed<U, W>(
    name: string,
    other: DStream<U>,
    f: (a: RDD<T>, b: RDD<U>) => RDD<W>,
  ): DStream<W> {
    return new DStream<W>(
      this.ssc,
      new TransformOperator<W>(name, [this, other], ([a, b]) => f(a as RDD<T>, b as RDD<U>)),
    );
  }

  private addOutput(operation: OutputOperation): void {
    this.ssc.graph.addOutput(operation);
  }

  /** PySpark's `_validate_window_param`, with its messages. */
  private validateWindow(windowDuration: number, slideDuration: number | undefined): [number, number] {
    const duration = this.slideMs;
    const windowMs = secondsToMs(windowDuration, 'windowDuration');
    if (windowMs % duration !== 0) {
      throw new RangeError(
        `windowDuration must be multiple of the parent dstream's slide (batch) duration (${duration} ms)`,
      );
    }
    const slideMs = slideDuration === undefined ? duration : secondsToMs(slideDuration, 'slideDuration');
    if (slideMs % duration !== 0) {
      throw new RangeError(
        `slideDuration must be multiple of the parent dstream's slide (batch) duration (${duration} ms)`,
      );
    }
    return [windowMs, slideMs];
  }
}
