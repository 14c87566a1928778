/**
 * RDD: a lazy, partitioned collection with PySpark's API (transformations return new RDDs, actions run
 * them synchronously and return plain values, as PySpark's do).
 *
 * How it runs. An RDD is a partition count plus a function that *pushes* the elements of one partition
 * into a sink. A narrow transformation (map, filter, flatMap, mapValues, …) wraps the sink of its child
 * in one closure, so a chain textFile → map → filter → map runs as one pass per partition with no
 * intermediate arrays: each line travels through the closures straight into the action (or into the
 * map side of a shuffle). A wide transformation (reduceByKey, groupByKey, join, sortByKey, distinct, …)
 * materialises its input once, as shuffle buckets, the first time one of its partitions is computed.
 *
 * For the streaming engine (and any other producer of per-batch data): build an RDD from data already in
 * memory with `sc.parallelize(items, numSlices)` or, to keep an existing partitioning, with
 * `RDD.fromPartitions(sc, partitions)`; build one from newly arrived files with `sc.textFile(paths)`,
 * which also accepts an array of paths. `rdd.computePartition(i, sink)` is the engine-level entry point
 * that pushes one partition's elements; jobs use the actions instead.
 */
import type { SparkContext } from './sparkContext';
import { comparePython } from './pythonOrder';
import { KeyMap } from './keyMap';
import { portableHash } from './portableHash';
import { pythonReprTruncated } from './pythonRepr';
import { poisson, randomSeed, seededRandom } from './sampling';
import { reduceShuffleBucket, runShuffleMapStage, type Aggregator, type ShuffleBucket } from './shuffle';
import { StatCounter } from './statCounter';
import { StorageLevel } from './storageLevel';
import { NO_ELEMENT, UserFunctionError } from './userFunctionError';
import { saveAsTextFiles, type SaveAsTextFileOptions } from './io/saveAsTextFile';

/** Receives the elements of a partition, one at a time. */
export type Sink<T> = (value: T) => void;

/** Pushes every element of one partition, in order, into a sink. */
export type PartitionComputer<T> = (partition: number, sink: Sink<T>) => void;

export class RDD<T> {
  /** Wraps partitions that are already in memory, one array per partition, keeping that partitioning. */
  static fromPartitions<T>(context: SparkContext, partitions: readonly (readonly T[])[]): RDD<T> {
    const copies = partitions.map((partition) => [...partition]);
    return new RDD<T>(
      context,
      () => copies.length,
      (partition, sink) => {
        for (const value of copies[partition]!) sink(value);
      },
      'parallelize',
    );
  }

  /** Concatenates the partitions of several RDDs (SparkContext.union). */
  static union<T>(context: SparkContext, rdds: readonly RDD<T>[]): RDD<T> {
    const all = [...rdds];
    const offsets = (): number[] => {
      const starts: number[] = [];
      let total = 0;
      for (const rdd of all) {
        starts.push(total);
        total += rdd.getNumPartitions();
      }
      starts.push(total);
      return starts;
    };
    let cachedOffsets: number[] | undefined;
    const locate = (partition: number): [RDD<T>, number] => {
      cachedOffsets ??= offsets();
      let index = 0;
      while (cachedOffsets[index + 1]! <= partition) index++;
      return [all[index]!, partition - cachedOffsets[index]!];
    };
    return new RDD<T>(
      context,
      () => {
        cachedOffsets ??= offsets();
        return cachedOffsets[cachedOffsets.length - 1]!;
      },
      (partition, sink) => {
        const [rdd, local] = locate(partition);
        rdd.computePartition(local, sink);
      },
      'union',
    );
  }

  private readonly rddId: number;
  private numPartitionsCache: number | undefined;
  private cachedPartitions: (T[] | undefined)[] | undefined;
  private storageLevel: StorageLevel = StorageLevel.NONE;
  private rddName: string | undefined;

  /**
   * Engine-level constructor: `countPartitions` is called (once) when the partition count is first
   * needed, so that inputs such as a directory listing are resolved when the job runs, as in Spark.
   */
  constructor(
    readonly context: SparkContext,
    private readonly countPartitions: () => number,
    private readonly computer: PartitionComputer<T>,
    /** The operation that made this RDD, for debug strings. */
    readonly operation: string,
  ) {
    this.rddId = context.newRddId();
  }

  // ---------------------------------------------------------------- structure

  /** A unique id within the SparkContext (a method, as in PySpark). */
  id(): number {
    return this.rddId;
  }

  getNumPartitions(): number {
    this.numPartitionsCache ??= this.countPartitions();
    return this.numPartitionsCache;
  }

  /** Pushes the elements of one partition into `sink` (engine-level; jobs use actions). */
  computePartition(partition: number, sink: Sink<T>): void {
    const cached = this.cachedPartitions;
    if (!cached) {
      this.computer(partition, sink);
      return;
    }
    let values = cached[partition];
    if (!values) {
      const collected: T[] = [];
      this.computer(partition, (value) => {
        collected.push(value);
      });
      values = cached[partition] = collected;
    }
    for (let i = 0; i < values.length; i++) sink(values[i]!);
  }

  name(): string | undefined {
    return this.rddName;
  }

  setName(name: string): this {
    this.rddName = name;
    return this;
  }

  toDebugString(): string {
    return `(${this.getNumPartitions()}) ${this.rddName ? `${this.rddName} ` : ''}${this.operation} RDD[${this.rddId}]`;
  }

  toString(): string {
    return `${this.rddName ?? this.operation} RDD[${this.rddId}]`;
  }

  // ---------------------------------------------------------------- persistence

  /** Keeps computed partitions in memory so later actions reuse them. */
  cache(): this {
    return this.persist(StorageLevel.MEMORY_ONLY);
  }

  persist(storageLevel: StorageLevel = StorageLevel.MEMORY_ONLY): this {
    if (this.storageLevel !== StorageLevel.NONE && this.storageLevel !== storageLevel) {
      throw new Error('Cannot change storage level of an RDD after it was already assigned a level');
    }
    this.storageLevel = storageLevel;
    this.cachedPartitions ??= [];
    return this;
  }

  unpersist(_blocking = false): this {
    this.storageLevel = StorageLevel.NONE;
    this.cachedPartitions = undefined;
    return this;
  }

  get isCached(): boolean {
    return this.cachedPartitions !== undefined;
  }

  getStorageLevel(): StorageLevel {
    return this.storageLevel;
  }

  // ---------------------------------------------------------------- narrow transformations

  map<U extends unknown[] | []>(f: (value: T) => U): RDD<U>;
  map<U>(f: (value: T) => U): RDD<U>;
  map<U>(f: (value: T) => U): RDD<U> {
    return this.mapNamed('map', f);
  }

  flatMap<U extends unknown[] | []>(f: (value: T) => Iterable<U>): RDD<U>;
  flatMap<U>(f: (value: T) => Iterable<U>): RDD<U>;
  flatMap<U>(f: (value: T) => Iterable<U>): RDD<U> {
    return this.narrow<U>('flatMap', (partition, sink) => (value) => {
      let produced: Iterable<U>;
      try {
        produced = f(value);
        requireIterable('flatMap', produced);
      } catch (error) {
        throw new UserFunctionError('flatMap', partition, value, error);
      }
      if (Array.isArray(produced)) {
        for (let i = 0; i < produced.length; i++) sink(produced[i]);
      } else {
        pushAll('flatMap', partition, value, produced, sink);
      }
    });
  }

  filter(f: (value: T) => unknown): RDD<T> {
    return this.narrow<T>('filter', (partition, sink) => (value) => {
      let keep: unknown;
      try {
        keep = f(value);
      } catch (error) {
        throw new UserFunctionError('filter', partition, value, error);
      }
      if (keep) sink(value);
    });
  }

  mapValues<K, V, U extends unknown[] | []>(this: RDD<[K, V]>, f: (value: V) => U): RDD<[K, U]>;
  mapValues<K, V, U>(this: RDD<[K, V]>, f: (value: V) => U): RDD<[K, U]>;
  mapValues<K, V, U>(this: RDD<[K, V]>, f: (value: V) => U): RDD<[K, U]> {
    return this.narrow<[K, U]>('mapValues', (partition, sink) => (pair) => {
      let mapped: U;
      try {
        mapped = f(pair[1]);
      } catch (error) {
        throw new UserFunctionError('mapValues', partition, pair, error);
      }
      sink([pair[0], mapped]);
    });
  }

  flatMapValues<K, V, U>(this: RDD<[K, V]>, f: (value: V) => Iterable<U>): RDD<[K, U]> {
    return this.narrow<[K, U]>('flatMapValues', (partition, sink) => (pair) => {
      let produced: Iterable<U>;
      try {
        produced = f(pair[1]);
        requireIterable('flatMapValues', produced);
      } catch (error) {
        throw new UserFunctionError('flatMapValues', partition, pair, error);
      }
      const key = pair[0];
      pushAll('flatMapValues', partition, pair, produced, (item) => sink([key, item]));
    });
  }

  /**
   * Applies `f` to an iterator over a whole partition (PySpark passes an iterator, and so does this). The
   * partition is materialised first: a push-based engine cannot hand out a pull iterator without it.
   */
  mapPartitions<U>(
    f: (iterator: IterableIterator<T>) => Iterable<U>,
    _preservesPartitioning = false,
  ): RDD<U> {
    return this.mapPartitionsWithIndex((_, iterator) => f(iterator), _preservesPartitioning, 'mapPartitions');
  }

  mapPartitionsWithIndex<U>(
    f: (partitionIndex: number, iterator: IterableIterator<T>) => Iterable<U>,
    _preservesPartitioning = false,
    operation = 'mapPartitionsWithIndex',
  ): RDD<U> {
    return this.derive<U>(operation, (partition, sink) => {
      const values = this.materialize(partition);
      let produced: Iterable<U>;
      try {
        produced = f(partition, values.values());
        requireIterable(operation, produced);
      } catch (error) {
        throw new UserFunctionError(operation, partition, NO_ELEMENT, error);
      }
      pushAll(operation, partition, NO_ELEMENT, produced, sink);
    });
  }

  keyBy<K>(f: (value: T) => K): RDD<[K, T]> {
    return this.narrow<[K, T]>('keyBy', (partition, sink) => (value) => {
      let key: K;
      try {
        key = f(value);
      } catch (error) {
        throw new UserFunctionError('keyBy', partition, value, error);
      }
      sink([key, value]);
    });
  }

  keys<K, V>(this: RDD<[K, V]>): RDD<K> {
    return this.narrow<K>('keys', (_, sink) => (pair) => sink(pair[0]));
  }

  values<K, V>(this: RDD<[K, V]>): RDD<V> {
    return this.narrow<V>('values', (_, sink) => (pair) => sink(pair[1]));
  }

  /** One array per partition. */
  glom(): RDD<T[]> {
    return this.derive<T[]>('glom', (partition, sink) => sink(this.materialize(partition)));
  }

  union<U>(other: RDD<U>): RDD<T | U> {
    return RDD.union<T | U>(this.context, [this, other]);
  }

  /** Every pair `[a, b]` with a from this RDD and b from `other`. */
  cartesian<U>(other: RDD<U>): RDD<[T, U]> {
    return new RDD<[T, U]>(
      this.context,
      () => this.getNumPartitions() * other.getNumPartitions(),
      (partition, sink) => {
        const otherCount = other.getNumPartitions();
        const right = other.materialize(partition % otherCount);
        this.computePartition(Math.floor(partition / otherCount), (left) => {
          for (let i = 0; i < right.length; i++) sink([left, right[i]!]);
        });
      },
      'cartesian',
    );
  }

  /**
   * Pairs the i-th element of each partition with the i-th element of the same partition of `other`;
   * both must have the same partitions and the same number of elements in each, as in Spark.
   */
  zip<U>(other: RDD<U>): RDD<[T, U]> {
    return new RDD<[T, U]>(
      this.context,
      () => {
        const count = this.getNumPartitions();
        if (count !== other.getNumPartitions()) {
          throw new Error("Can't zip RDDs with unequal numbers of partitions");
        }
        return count;
      },
      (partition, sink) => {
        const right = other.materialize(partition);
        let index = 0;
        this.computePartition(partition, (left) => {
          if (index >= right.length)
            throw new Error('Can only zip RDDs with same number of elements in each partition');
          sink([left, right[index++]!]);
        });
        if (index !== right.length) {
          throw new Error('Can only zip RDDs with same number of elements in each partition');
        }
      },
      'zip',
    );
  }

  /** Pairs each element with its index: partition by partition, in order (runs a job to count partitions). */
  zipWithIndex(): RDD<[T, number]> {
    let starts: number[] | undefined;
    return this.derive<[T, number]>('zipWithIndex', (partition, sink) => {
      if (!starts) {
        const computed = [0];
        for (let p = 0; p + 1 < this.getNumPartitions(); p++)
          computed.push(computed[p]! + this.countPartition(p));
        starts = computed;
      }
      let index = starts[partition]!;
      this.computePartition(partition, (value) => sink([value, index++]));
    });
  }

  /**
   * A sample of the elements: without replacement each element is kept with probability `fraction`;
   * with replacement it appears Poisson(`fraction`) times. The same seed gives the same sample.
   */
  sample(withReplacement: boolean, fraction: number, seed: number = randomSeed()): RDD<T> {
    if (!(fraction >= 0)) throw new RangeError(`Negative fraction value: ${fraction}`);
    if (!withReplacement && fraction > 1) {
      throw new RangeError(`Fraction must be in [0, 1] when sampling without replacement, got ${fraction}`);
    }
    return this.derive<T>('sample', (partition, sink) => {
      const random = seededRandom(seed, partition);
      this.computePartition(partition, (value) => {
        if (!withReplacement) {
          if (random() < fraction) sink(value);
          return;
        }
        for (let copies = poisson(random, fraction); copies > 0; copies--) sink(value);
      });
    });
  }

  /**
   * Fewer partitions. Without a shuffle, neighbouring partitions are concatenated (cannot increase the
   * count, as in Spark); with `shuffle`, elements are spread round-robin over `numPartitions`.
   */
  coalesce(numPartitions: number, shuffle = false): RDD<T> {
    requirePositivePartitions(numPartitions);
    if (shuffle) return this.repartition(numPartitions);
    return new RDD<T>(
      this.context,
      () => Math.min(numPartitions, this.getNumPartitions()),
      (partition, sink) => {
        const parents = this.getNumPartitions();
        const count = Math.min(numPartitions, parents);
        const from = Math.floor((partition * parents) / count);
        const to = Math.floor(((partition + 1) * parents) / count);
        for (let parent = from; parent < to; parent++) this.computePartition(parent, sink);
      },
      'coalesce',
    );
  }

  /** Exactly `numPartitions` partitions, elements spread round-robin (a shuffle). */
  repartition(numPartitions: number): RDD<T> {
    requirePositivePartitions(numPartitions);
    const positioned = this.derive<[number, T]>('repartition', (partition, sink) => {
      let position = partition % numPartitions;
      this.computePartition(partition, (value) => {
        sink([position, value]);
        position = position + 1 === numPartitions ? 0 : position + 1;
      });
    });
    return positioned
      .shuffle<number, T, T>('repartition', numPartitions, (position) => position, undefined)
      .values();
  }

  // ---------------------------------------------------------------- wide transformations

  /** Places each pair in partition `partitionFunc(key) % numPartitions` (no combining). */
  partitionBy<K, V>(
    this: RDD<[K, V]>,
    numPartitions: number,
    partitionFunc: (key: K) => number = portableHash,
  ): RDD<[K, V]> {
    requirePositivePartitions(numPartitions);
    return this.shuffle('partitionBy', numPartitions, partitionFunc, undefined);
  }

  /** PySpark's generic per-key aggregation; the others are built on it. */
  combineByKey<K, V, C>(
    this: RDD<[K, V]>,
    createCombiner: (value: V) => C,
    mergeValue: (combiner: C, value: V) => C,
    mergeCombiners: (combiner1: C, combiner2: C) => C,
    numPartitions?: number,
    partitionFunc: (key: K) => number = portableHash,
  ): RDD<[K, C]> {
    return this.combineNamed(
      'combineByKey',
      { createCombiner, mergeValue, mergeCombiners },
      numPartitions,
      partitionFunc,
    );
  }

  reduceByKey<K, V>(
    this: RDD<[K, V]>,
    f: (value1: V, value2: V) => V,
    numPartitions?: number,
    partitionFunc: (key: K) => number = portableHash,
  ): RDD<[K, V]> {
    const aggregator: Aggregator<V, V> = { createCombiner: identity, mergeValue: f, mergeCombiners: f };
    return this.combineNamed('reduceByKey', aggregator, numPartitions, partitionFunc);
  }

  /** Folds each key's values into a fresh copy of `zeroValue` with `seqFunc`, merging with `combFunc`. */
  aggregateByKey<K, V, U>(
    this: RDD<[K, V]>,
    zeroValue: U,
    seqFunc: (accumulator: U, value: V) => U,
    combFunc: (accumulator1: U, accumulator2: U) => U,
    numPartitions?: number,
    partitionFunc: (key: K) => number = portableHash,
  ): RDD<[K, U]> {
    const aggregator: Aggregator<V, U> = {
      createCombiner: (value) => seqFunc(cloneZero(zeroValue), value),
      mergeValue: seqFunc,
      mergeCombiners: combFunc,
    };
    return this.combineNamed('aggregateByKey', aggregator, numPartitions, partitionFunc);
  }

  foldByKey<K, V>(
    this: RDD<[K, V]>,
    zeroValue: V,
    f: (value1: V, value2: V) => V,
    numPartitions?: number,
    partitionFunc: (key: K) => number = portableHash,
  ): RDD<[K, V]> {
    const aggregator: Aggregator<V, V> = {
      createCombiner: (value) => f(cloneZero(zeroValue), value),
      mergeValue: f,
      mergeCombiners: f,
    };
    return this.combineNamed('foldByKey', aggregator, numPartitions, partitionFunc);
  }

  /** Each key with the array of its values (PySpark gives a ResultIterable; here it is an array). */
  groupByKey<K, V>(
    this: RDD<[K, V]>,
    numPartitions?: number,
    partitionFunc: (key: K) => number = portableHash,
  ): RDD<[K, V[]]> {
    const aggregator: Aggregator<V, V[]> = {
      createCombiner: (value) => [value],
      mergeValue: (values, value) => {
        values.push(value);
        return values;
      },
      mergeCombiners: (values1, values2) => {
        for (const value of values2) values1.push(value);
        return values1;
      },
    };
    return this.combineNamed('groupByKey', aggregator, numPartitions, partitionFunc);
  }

  groupBy<K>(
    f: (value: T) => K,
    numPartitions?: number,
    partitionFunc: (key: K) => number = portableHash,
  ): RDD<[K, T[]]> {
    return this.mapNamed<[K, T]>('groupBy', (value) => [f(value), value]).groupByKey(
      numPartitions,
      partitionFunc,
    );
  }

  distinct(numPartitions?: number): RDD<T> {
    return this.narrow<[T, null]>('distinct', (_, sink) => (value) => sink([value, null]))
      .combineNamed<T, null, null>(
        'distinct',
        { createCombiner: () => null, mergeValue: () => null, mergeCombiners: () => null },
        numPartitions,
        portableHash,
      )
      .keys();
  }

  /** For each key, the arrays of its values in this RDD and in `other`: `[k, [vs, ws]]`. */
  cogroup<K, V, W>(this: RDD<[K, V]>, other: RDD<[K, W]>, numPartitions?: number): RDD<[K, [V[], W[]]]> {
    type Tagged = [0, V] | [1, W];
    const left = this.narrow<[K, Tagged]>('cogroup', (_, sink) => (pair) => sink([pair[0], [0, pair[1]]]));
    const right = other.narrow<[K, Tagged]>('cogroup', (_, sink) => (pair) => sink([pair[0], [1, pair[1]]]));
    const aggregator: Aggregator<Tagged, [V[], W[]]> = {
      createCombiner: (tagged) => {
        const groups: [V[], W[]] = [[], []];
        (groups[tagged[0]] as unknown[]).push(tagged[1]);
        return groups;
      },
      mergeValue: (groups, tagged) => {
        (groups[tagged[0]] as unknown[]).push(tagged[1]);
        return groups;
      },
      mergeCombiners: (groups1, groups2) => {
        for (const value of groups2[0]) groups1[0].push(value);
        for (const value of groups2[1]) groups1[1].push(value);
        return groups1;
      },
    };
    return left.union(right).combineNamed('cogroup', aggregator, numPartitions, portableHash);
  }

  join<K, V, W>(this: RDD<[K, V]>, other: RDD<[K, W]>, numPartitions?: number): RDD<[K, [V, W]]> {
    return this.joinNamed('join', other, numPartitions, false, false) as RDD<[K, [V, W]]>;
  }

  leftOuterJoin<K, V, W>(
    this: RDD<[K, V]>,
    other: RDD<[K, W]>,
    numPartitions?: number,
  ): RDD<[K, [V, W | null]]> {
    return this.joinNamed('leftOuterJoin', other, numPartitions, true, false) as RDD<[K, [V, W | null]]>;
  }

  rightOuterJoin<K, V, W>(
    this: RDD<[K, V]>,
    other: RDD<[K, W]>,
    numPartitions?: number,
  ): RDD<[K, [V | null, W]]> {
    return this.joinNamed('rightOuterJoin', other, numPartitions, false, true) as RDD<[K, [V | null, W]]>;
  }

  fullOuterJoin<K, V, W>(
    this: RDD<[K, V]>,
    other: RDD<[K, W]>,
    numPartitions?: number,
  ): RDD<[K, [V | null, W | null]]> {
    return this.joinNamed('fullOuterJoin', other, numPartitions, true, true);
  }

  /** Pairs whose key does not occur in `other` (duplicates kept). */
  subtractByKey<K, V, W>(this: RDD<[K, V]>, other: RDD<[K, W]>, numPartitions?: number): RDD<[K, V]> {
    return this.cogroup(other, numPartitions).flatMap<[K, V]>((group) => {
      const [key, [values, others]] = group;
      return others.length > 0 ? [] : values.map((value): [K, V] => [key, value]);
    });
  }

  /** Elements not in `other` (duplicates kept, as in Spark). */
  subtract(other: RDD<T>, numPartitions?: number): RDD<T> {
    const mine = this.narrow<[T, true]>('subtract', (_, sink) => (value) => sink([value, true]));
    const theirs = other.narrow<[T, true]>('subtract', (_, sink) => (value) => sink([value, true]));
    return mine.subtractByKey(theirs, numPartitions).keys();
  }

  /** Distinct elements present in both RDDs. */
  intersection(other: RDD<T>): RDD<T> {
    const mine = this.narrow<[T, null]>('intersection', (_, sink) => (value) => sink([value, null]));
    const theirs = other.narrow<[T, null]>('intersection', (_, sink) => (value) => sink([value, null]));
    return mine
      .cogroup(theirs)
      .filter((group) => group[1][0].length > 0 && group[1][1].length > 0)
      .keys();
  }

  /**
   * Sorts pairs by key in Python's order (see pythonOrder.ts), stable for equal keys, into
   * `numPartitions` range partitions (partition 0 holds the smallest keys).
   */
  sortByKey<K, V>(
    this: RDD<[K, V]>,
    ascending = true,
    numPartitions?: number,
    keyfunc: (key: K) => unknown = identity,
  ): RDD<[K, V]> {
    if (numPartitions !== undefined) requirePositivePartitions(numPartitions);
    const target = this.reducePartitionsResolver(numPartitions);
    let sorted: [K, V][] | undefined;
    const sortAll = (): [K, V][] => {
      const decorated: { sortKey: unknown; pair: [K, V] }[] = [];
      for (let partition = 0; partition < this.getNumPartitions(); partition++) {
        this.computePartition(partition, (pair) => {
          let sortKey: unknown;
          try {
            sortKey = keyfunc(pair[0]);
          } catch (error) {
            throw new UserFunctionError('sortByKey (keyfunc)', partition, pair, error);
          }
          decorated.push({ sortKey, pair });
        });
      }
      const direction = ascending ? 1 : -1;
      try {
        decorated.sort((a, b) => direction * comparePython(a.sortKey, b.sortKey));
      } catch (error) {
        throw new TypeError(`sortByKey: cannot order keys: ${(error as Error).message}`, { cause: error });
      }
      return decorated.map((entry) => entry.pair);
    };
    return new RDD<[K, V]>(
      this.context,
      target,
      (partition, sink) => {
        sorted ??= sortAll();
        const from = Math.floor((partition * sorted.length) / target());
        const to = Math.floor(((partition + 1) * sorted.length) / target());
        for (let i = from; i < to; i++) sink(sorted[i]!);
      },
      'sortByKey',
    );
  }

  sortBy<K>(keyfunc: (value: T) => K, ascending = true, numPartitions?: number): RDD<T> {
    return this.mapNamed<[K, T]>('sortBy', (value) => [keyfunc(value), value])
      .sortByKey(ascending, numPartitions)
      .values();
  }

  // ---------------------------------------------------------------- actions

  collect(): T[] {
    const out: T[] = [];
    const push = (value: T): void => {
      out.push(value);
    };
    this.runJob((partition) => this.computePartition(partition, push));
    return out;
  }

  count(): number {
    let total = 0;
    this.runJob((partition) => {
      total += this.countPartition(partition);
    });
    return total;
  }

  /** The first `num` elements, computing only as many partitions (and elements) as needed. */
  take(num: number): T[] {
    const out: T[] = [];
    if (num <= 0) return out;
    this.context.assertActive();
    const partitions = this.getNumPartitions();
    for (let partition = 0; partition < partitions && out.length < num; partition++) {
      try {
        this.computePartition(partition, (value) => {
          out.push(value);
          if (out.length >= num) throw STOP;
        });
      } catch (error) {
        if (error !== STOP) throw error;
      }
    }
    return out;
  }

  first(): T {
    const taken = this.take(1);
    if (taken.length === 0) throw new Error('RDD is empty');
    return taken[0]!;
  }

  isEmpty(): boolean {
    return this.getNumPartitions() === 0 || this.take(1).length === 0;
  }

  /** The `num` smallest elements (by `key` if given), in ascending order. */
  takeOrdered(num: number, key?: (value: T) => unknown): T[] {
    return this.smallest('takeOrdered', num, key, 1);
  }

  /** The `num` largest elements (by `key` if given), in descending order. */
  top(num: number, key?: (value: T) => unknown): T[] {
    return this.smallest('top', num, key, -1);
  }

  reduce(f: (value1: T, value2: T) => T): T {
    const partials: T[] = [];
    this.runJob((partition) => {
      let has = false;
      let accumulator: T | undefined;
      this.computePartition(partition, (value) => {
        if (!has) {
          has = true;
          accumulator = value;
          return;
        }
        try {
          accumulator = f(accumulator as T, value);
        } catch (error) {
          throw new UserFunctionError('reduce', partition, value, error);
        }
      });
      if (has) partials.push(accumulator as T);
    });
    if (partials.length === 0) throw new Error('Can not reduce() empty RDD');
    let result = partials[0] as T;
    for (let i = 1; i < partials.length; i++) {
      try {
        result = f(result, partials[i] as T);
      } catch (error) {
        throw new UserFunctionError('reduce', i, partials[i], error);
      }
    }
    return result;
  }

  /** Folds each partition from a fresh `zeroValue`, then folds the partition results (as PySpark does). */
  fold(zeroValue: T, op: (value1: T, value2: T) => T): T {
    return this.aggregateNamed('fold', zeroValue, op, op);
  }

  aggregate<U>(
    zeroValue: U,
    seqOp: (accumulator: U, value: T) => U,
    combOp: (accumulator1: U, accumulator2: U) => U,
  ): U {
    return this.aggregateNamed('aggregate', zeroValue, seqOp, combOp);
  }

  sum(this: RDD<number>): number {
    return this.fold(0, (a, b) => a + b);
  }

  stats(this: RDD<number>): StatCounter {
    const total = new StatCounter();
    this.runJob((partition) => {
      const counter = new StatCounter();
      this.computePartition(partition, (value) => {
        counter.merge(value);
      });
      total.mergeStats(counter);
    });
    return total;
  }

  mean(this: RDD<number>): number {
    return this.stats().mean();
  }

  variance(this: RDD<number>): number {
    return this.stats().variance();
  }

  stdev(this: RDD<number>): number {
    return this.stats().stdev();
  }

  sampleVariance(this: RDD<number>): number {
    return this.stats().sampleVariance();
  }

  sampleStdev(this: RDD<number>): number {
    return this.stats().sampleStdev();
  }

  max(key?: (value: T) => unknown): T {
    return this.extreme('max', key, 1);
  }

  min(key?: (value: T) => unknown): T {
    return this.extreme('min', key, -1);
  }

  /** How many times each key occurs (keys compared as Python compares them). */
  countByKey<K, V>(this: RDD<[K, V]>): Map<K, number> {
    return this.keys().countByValue();
  }

  /** How many times each element occurs (elements compared as Python compares them). */
  countByValue(): Map<T, number> {
    const counts = new KeyMap<T, { value: number }>();
    this.runJob((partition) =>
      this.computePartition(partition, (value) => {
        const box = counts.get(value);
        if (box) box.value++;
        else counts.set(value, { value: 1 });
      }),
    );
    const result = new Map<T, number>();
    counts.forEach((box, key) => result.set(key, box.value));
    return result;
  }

  /** The pairs as a Map; a later value for an equal key replaces an earlier one, as in a Python dict. */
  collectAsMap<K, V>(this: RDD<[K, V]>): Map<K, V> {
    const entries = new KeyMap<K, V>();
    for (const [key, value] of this.collect()) entries.set(key, value);
    return new Map(entries.entries());
  }

  /** All values for `key`. */
  lookup<K, V>(this: RDD<[K, V]>, key: K): V[] {
    const wanted = new KeyMap<K, true>().set(key, true);
    return this.filter((pair) => wanted.has(pair[0]))
      .values()
      .collect();
  }

  foreach(f: (value: T) => void): void {
    this.runJob((partition) =>
      this.computePartition(partition, (value) => {
        try {
          f(value);
        } catch (error) {
          throw new UserFunctionError('foreach', partition, value, error);
        }
      }),
    );
  }

  foreachPartition(f: (iterator: IterableIterator<T>) => void): void {
    this.runJob((partition) => {
      const values = this.materialize(partition);
      try {
        f(values.values());
      } catch (error) {
        throw new UserFunctionError('foreachPartition', partition, NO_ELEMENT, error);
      }
    });
  }

  /** Iterates the elements partition by partition, holding one partition at a time. */
  *toLocalIterator(): IterableIterator<T> {
    this.context.assertActive();
    for (let partition = 0; partition < this.getNumPartitions(); partition++)
      yield* this.materialize(partition);
  }

  /** A fixed-size sample, reproducible given `seed` (PySpark's takeSample). */
  takeSample(withReplacement: boolean, num: number, seed: number = randomSeed()): T[] {
    if (num < 0) throw new RangeError('Sample size cannot be negative.');
    const all = this.collect();
    if (num === 0 || all.length === 0) return [];
    const random = seededRandom(seed, -1);
    if (withReplacement) return Array.from({ length: num }, () => all[Math.floor(random() * all.length)]!);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    return all.slice(0, num);
  }

  /**
   * Writes the RDD as a directory of text files the way Spark does: `part-00000`, `part-00001`, … (one
   * per partition, empty ones included) and an empty `_SUCCESS`, each element on its own line in
   * Python's `str()` form (see pythonRepr.ts). An existing path is refused unless `overwrite` is set.
   * The directory appears all at once: it is written under a temporary name and renamed into place.
   */
  saveAsTextFile(path: string, options: SaveAsTextFileOptions | string = {}): void {
    this.context.assertActive();
    if (typeof options === 'string') {
      // PySpark's second argument is compressionCodecClass; writing plain text instead would be a silent lie.
      throw new Error(`saveAsTextFile: compressionCodecClass is not supported (got ${options})`);
    }
    saveAsTextFiles(
      path,
      this.getNumPartitions(),
      (partition, sink) => this.computePartition(partition, sink),
      options,
    );
  }

  // ---------------------------------------------------------------- internals

  /** A child RDD with the same partitions whose elements are computed by `compute`. */
  private derive<U>(operation: string, compute: PartitionComputer<U>): RDD<U> {
    return new RDD<U>(this.context, () => this.getNumPartitions(), compute, operation);
  }

  /** A fused narrow transformation: `wrap` turns the child's sink into this RDD's sink. */
  private narrow<U>(operation: string, wrap: (partition: number, sink: Sink<U>) => Sink<T>): RDD<U> {
    return this.derive<U>(operation, (partition, sink) =>
      this.computePartition(partition, wrap(partition, sink)),
    );
  }

  private mapNamed<U>(operation: string, f: (value: T) => U): RDD<U> {
    return this.narrow<U>(operation, (partition, sink) => (value) => {
      let mapped: U;
      try {
        mapped = f(value);
      } catch (error) {
        throw new UserFunctionError(operation, partition, value, error);
      }
      sink(mapped);
    });
  }

  private materialize(partition: number): T[] {
    const values: T[] = [];
    this.computePartition(partition, (value) => {
      values.push(value);
    });
    return values;
  }

  private countPartition(partition: number): number {
    let count = 0;
    this.computePartition(partition, () => {
      count++;
    });
    return count;
  }

  private runJob(runPartition: (partition: number) => void): void {
    this.context.assertActive();
    const partitions = this.getNumPartitions();
    for (let partition = 0; partition < partitions; partition++) runPartition(partition);
  }

  /**
   * A hash shuffle into `numPartitions` (default: PySpark's default reduce width, resolved when the job
   * runs so that inputs are not listed early), combining with `aggregator` when given.
   */
  private shuffle<K, V, C>(
    this: RDD<[K, V]>,
    operation: string,
    numPartitions: number | undefined,
    partitionFunc: ((key: K) => number) | undefined,
    aggregator: Aggregator<V, C> | undefined,
  ): RDD<[K, C]> {
    let buckets: ShuffleBucket<K, C>[] | undefined;
    const target = this.reducePartitionsResolver(numPartitions);
    return new RDD<[K, C]>(
      this.context,
      target,
      (partition, sink) => {
        buckets ??= runShuffleMapStage(
          operation,
          this.getNumPartitions(),
          (p, s) => this.computePartition(p, s),
          target(),
          partitionFunc,
          aggregator,
        );
        const bucket = buckets[partition]!;
        if (aggregator) reduceShuffleBucket(operation, partition, bucket, aggregator.mergeCombiners, sink);
        else for (let i = 0; i < bucket.length; i++) sink(bucket[i]!);
      },
      operation,
    );
  }

  private combineNamed<K, V, C>(
    this: RDD<[K, V]>,
    operation: string,
    aggregator: Aggregator<V, C>,
    numPartitions: number | undefined,
    partitionFunc: (key: K) => number,
  ): RDD<[K, C]> {
    if (numPartitions !== undefined) requirePositivePartitions(numPartitions);
    return this.shuffle(operation, numPartitions, partitionFunc, aggregator);
  }

  /** The partition count of a shuffle's output, computed on first use. */
  private reducePartitionsResolver(numPartitions: number | undefined): () => number {
    let resolved = numPartitions;
    return () => (resolved ??= this.context.defaultReducePartitions(this));
  }

  private joinNamed<K, V, W>(
    this: RDD<[K, V]>,
    operation: string,
    other: RDD<[K, W]>,
    numPartitions: number | undefined,
    keepLeft: boolean,
    keepRight: boolean,
  ): RDD<[K, [V | null, W | null]]> {
    return this.cogroup(other, numPartitions).narrow<[K, [V | null, W | null]]>(
      operation,
      (_, sink) => (group) => {
        const [key, [values, others]] = group;
        if (values.length > 0 && others.length > 0) {
          for (const value of values) for (const otherValue of others) sink([key, [value, otherValue]]);
        } else if (values.length > 0 && keepLeft) {
          for (const value of values) sink([key, [value, null]]);
        } else if (others.length > 0 && keepRight) {
          for (const otherValue of others) sink([key, [null, otherValue]]);
        }
      },
    );
  }

  private aggregateNamed<U>(
    operation: string,
    zeroValue: U,
    seqOp: (accumulator: U, value: T) => U,
    combOp: (accumulator1: U, accumulator2: U) => U,
  ): U {
    let result = cloneZero(zeroValue);
    this.runJob((partition) => {
      let accumulator = cloneZero(zeroValue);
      this.computePartition(partition, (value) => {
        try {
          accumulator = seqOp(accumulator, value);
        } catch (error) {
          throw new UserFunctionError(operation, partition, value, error);
        }
      });
      try {
        result = combOp(result, accumulator);
      } catch (error) {
        throw new UserFunctionError(operation, partition, accumulator, error);
      }
    });
    return result;
  }

  /** takeOrdered (direction 1) and top (direction -1): a bounded sorted buffer per partition, merged. */
  private smallest(
    operation: string,
    num: number,
    key: ((value: T) => unknown) | undefined,
    direction: 1 | -1,
  ): T[] {
    if (num <= 0) return [];
    type Entry = { sortKey: unknown; value: T };
    const compare = (a: Entry, b: Entry): number => direction * comparePython(a.sortKey, b.sortKey);
    const best: Entry[] = [];
    const offer = (entry: Entry): void => {
      if (best.length === num && compare(entry, best[num - 1]!) >= 0) return;
      let low = 0;
      let high = best.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compare(best[middle]!, entry) <= 0) low = middle + 1;
        else high = middle;
      }
      best.splice(low, 0, entry);
      if (best.length > num) best.pop();
    };
    this.runJob((partition) =>
      this.computePartition(partition, (value) => {
        let sortKey: unknown = value;
        if (key) {
          try {
            sortKey = key(value);
          } catch (error) {
            throw new UserFunctionError(`${operation} (key)`, partition, value, error);
          }
        }
        offer({ sortKey, value });
      }),
    );
    return best.map((entry) => entry.value);
  }

  /** max (direction 1) and min (direction -1); on ties the first element wins, as Python's max/min. */
  private extreme(operation: string, key: ((value: T) => unknown) | undefined, direction: 1 | -1): T {
    let has = false;
    let best: T | undefined;
    let bestKey: unknown;
    this.runJob((partition) =>
      this.computePartition(partition, (value) => {
        let sortKey: unknown = value;
        if (key) {
          try {
            sortKey = key(value);
          } catch (error) {
            throw new UserFunctionError(`${operation} (key)`, partition, value, error);
          }
        }
        if (!has || direction * comparePython(sortKey, bestKey) > 0) {
          has = true;
          best = value;
          bestKey = sortKey;
        }
      }),
    );
    if (!has) throw new Error('Can not reduce() empty RDD');
    return best as T;
  }
}

/** Thrown through the sinks by `take` once it has enough elements; never escapes an action. */
const STOP: unique symbol = Symbol('stop');

function requireIterable(operation: string, produced: unknown): void {
  if (produced == null || typeof (produced as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(
      `${operation} function must return an iterable, got ${pythonReprTruncated(produced)}`,
    );
  }
}

/**
 * Pushes what a user function returned. Pulling from it may run user code (a generator), so errors from
 * `next()` are the user's; errors from `sink` belong to downstream operations and pass through.
 */
function pushAll<U>(
  operation: string,
  partition: number,
  element: unknown,
  produced: Iterable<U>,
  sink: Sink<U>,
): void {
  let iterator: Iterator<U>;
  try {
    iterator = produced[Symbol.iterator]();
  } catch (error) {
    throw new UserFunctionError(operation, partition, element, error);
  }
  for (;;) {
    let step: IteratorResult<U>;
    try {
      step = iterator.next();
    } catch (error) {
      throw new UserFunctionError(operation, partition, element, error);
    }
    if (step.done) return;
    try {
      sink(step.value);
    } catch (error) {
      // Downstream stopped (take) or failed: let a generator run its finally blocks.
      iterator.return?.();
      throw error;
    }
  }
}

function identity<T>(value: T): T {
  return value;
}

function requirePositivePartitions(numPartitions: number): void {
  if (!Number.isInteger(numPartitions) || numPartitions <= 0) {
    throw new RangeError(`Number of partitions (${numPartitions}) must be positive.`);
  }
}

/** Each partition (and each key) starts from its own copy of a zero value, as PySpark's pickling gives. */
function cloneZero<U>(zeroValue: U): U {
  if (zeroValue === null || typeof zeroValue !== 'object') return zeroValue;
  try {
    return structuredClone(zeroValue);
  } catch {
    return zeroValue;
  }
}
