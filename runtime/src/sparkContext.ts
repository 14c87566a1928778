import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Accumulator, defaultAccumulatorParam, type AccumulatorParam } from './accumulator';
import { Broadcast } from './broadcast';
import { planFileSplits, type FileSplit } from './io/fileSplits';
import { displayPath, resolveInputFiles } from './io/inputPaths';
import { readLinesInRange } from './io/lineReader';
import { RDD } from './rdd';
import { SparkConf } from './sparkConf';

/** Spark's master URL when none is configured: every core of this machine. */
export const DEFAULT_MASTER = 'local[*]';

/**
 * The entry point of the RDD API (PySpark's SparkContext). One context is active at a time, as in Spark;
 * `stop()` ends it, after which its RDDs refuse to run and a new context may be created.
 */
export class SparkContext {
  private static active: SparkContext | undefined;

  /** The active context, or a new one from `conf` (PySpark's `SparkContext.getOrCreate`). */
  static getOrCreate(conf?: SparkConf): SparkContext {
    return SparkContext.active ?? new SparkContext(conf);
  }

  /** The active context, if any (internal: SparkSession and StreamingContext use it). */
  static getActive(): SparkContext | undefined {
    return SparkContext.active;
  }

  readonly appName: string;
  readonly master: string;
  readonly startTime = Date.now();
  private readonly conf: SparkConf;
  private stopped = false;
  private nextRddId = 0;
  private readonly stopListeners: (() => void)[] = [];

  /** `new SparkContext(master?, appName?, conf?)` or `new SparkContext(conf)`, as in PySpark. */
  constructor(masterOrConf?: string | SparkConf, appName?: string, conf?: SparkConf) {
    const settings = (masterOrConf instanceof SparkConf ? masterOrConf : conf)?.copy() ?? new SparkConf();
    if (typeof masterOrConf === 'string') settings.setMaster(masterOrConf);
    if (appName !== undefined) settings.setAppName(appName);
    const existing = SparkContext.active;
    if (existing) {
      throw new Error(
        `Cannot run multiple SparkContexts at once; existing SparkContext(app=${existing.appName}, master=${existing.master})`,
      );
    }
    this.master = settings.get('spark.master', DEFAULT_MASTER);
    this.appName = settings.get('spark.app.name', 'streamshift');
    settings.set('spark.master', this.master).set('spark.app.name', this.appName);
    this.conf = settings;
    this.defaultParallelism = parallelismOf(this.master, settings);
    SparkContext.active = this;
  }

  /** Default partition count for parallelize and shuffles: the cores of `local[N]` / `local[*]`. */
  readonly defaultParallelism: number;

  /** Default `minPartitions` for textFile: min(defaultParallelism, 2), as in Spark. */
  get defaultMinPartitions(): number {
    return Math.min(this.defaultParallelism, 2);
  }

  /** Spark's id for a local application: `local-<start time in ms>`. */
  get applicationId(): string {
    return `local-${this.startTime}`;
  }

  get version(): string {
    return '3.5.0-streamshift';
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  getConf(): SparkConf {
    return this.conf.copy();
  }

  /** Accepted for compatibility; the runtime logs nothing at INFO level anyway. */
  setLogLevel(_logLevel: string): void {}

  /** Ends the context: its RDDs no longer run, and a new context may be created. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (SparkContext.active === this) SparkContext.active = undefined;
    for (const listener of this.stopListeners.splice(0)) listener();
  }

  /** Calls `listener` when the context stops (internal: streaming contexts stop with it). */
  onStop(listener: () => void): void {
    this.stopListeners.push(listener);
  }

  /** Throws Spark's error when the context was stopped (internal: every action calls it). */
  assertActive(): void {
    if (this.stopped) throw new Error('Cannot call methods on a stopped SparkContext.');
  }

  /** A fresh RDD id (internal). */
  newRddId(): number {
    return this.nextRddId++;
  }

  /** PySpark's default shuffle width: spark.default.parallelism if set, else the parent's partitions. */
  defaultReducePartitions(rdd: RDD<unknown>): number {
    if (this.conf.contains('spark.default.parallelism')) return this.defaultParallelism;
    return Math.max(1, rdd.getNumPartitions());
  }

  // ---------------------------------------------------------------- creating RDDs

  /**
   * Distributes local data over `numSlices` partitions (default: defaultParallelism), cut into
   * contiguous slices as Spark does.
   */
  parallelize<T extends unknown[] | []>(items: Iterable<T>, numSlices?: number): RDD<T>;
  parallelize<T>(items: Iterable<T>, numSlices?: number): RDD<T>;
  parallelize<T>(items: Iterable<T>, numSlices: number = this.defaultParallelism): RDD<T> {
    this.assertActive();
    if (!Number.isInteger(numSlices) || numSlices < 1) {
      throw new RangeError(`Positive number of partitions required, got ${numSlices}`);
    }
    const values = Array.isArray(items) ? items.slice() : [...items];
    const slices: T[][] = [];
    for (let i = 0; i < numSlices; i++) {
      slices.push(
        values.slice(
          Math.floor((i * values.length) / numSlices),
          Math.floor(((i + 1) * values.length) / numSlices),
        ),
      );
    }
    return RDD.fromPartitions(this, slices);
  }

  /** Integers from `start` (inclusive) to `end` (exclusive) by `step`; `range(n)` is 0..n-1. */
  range(start: number, end?: number, step = 1, numSlices?: number): RDD<number> {
    const [from, to] = end === undefined ? [0, start] : [start, end];
    if (step === 0) throw new RangeError('step cannot be 0');
    const values: number[] = [];
    for (let value = from; step > 0 ? value < to : value > to; value += step) values.push(value);
    return this.parallelize(values, numSlices);
  }

  /** An RDD with no partitions and no elements. */
  emptyRDD<T = never>(): RDD<T> {
    this.assertActive();
    return RDD.fromPartitions<T>(this, []);
  }

  /** Concatenates the partitions of several RDDs. */
  union<T>(rdds: readonly RDD<T>[]): RDD<T> {
    this.assertActive();
    return RDD.union(this, rdds);
  }

  /**
   * The lines of a file, of every (non-hidden) file of a directory, of a glob's matches, or of a
   * comma-separated list of those (or an array of paths). Files are cut into byte-range partitions
   * (at least `minPartitions`, Hadoop's rules) and streamed line by line with small synchronous reads,
   * so files larger than the heap can be processed. Inputs are resolved when the first action runs.
   */
  textFile(path: string | readonly string[], minPartitions: number = this.defaultMinPartitions): RDD<string> {
    this.assertActive();
    let splits: FileSplit[] | undefined;
    const plan = (): FileSplit[] => (splits ??= planFileSplits(resolveInputFiles(path), minPartitions));
    return new RDD<string>(
      this,
      () => plan().length,
      (partition, sink) => {
        const split = plan()[partition]!;
        readLinesInRange(split.path, split.start, split.start + split.length, sink);
      },
      'textFile',
    ).setName(typeof path === 'string' ? path : path.join(','));
  }

  /**
   * `[path, content]` for every file of a directory/glob/list, the path in Spark's `file:/…` form. Each
   * file is read whole when its partition is computed.
   */
  wholeTextFiles(
    path: string | readonly string[],
    minPartitions: number = this.defaultMinPartitions,
  ): RDD<[string, string]> {
    this.assertActive();
    let groups: string[][] | undefined;
    const plan = (): string[][] => {
      if (groups) return groups;
      const files = resolveInputFiles(path).map((file) => file.path);
      const count = Math.max(1, Math.min(minPartitions, files.length));
      groups = Array.from({ length: count }, (_, i) =>
        files.slice(Math.floor((i * files.length) / count), Math.floor(((i + 1) * files.length) / count)),
      );
      return groups;
    };
    return new RDD<[string, string]>(
      this,
      () => plan().length,
      (partition, sink) => {
        for (const file of plan()[partition]!) {
          let content: string;
          try {
            content = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(file));
          } catch (error) {
            throw new Error(`Cannot read input file ${file}: ${(error as Error).message}`, { cause: error });
          }
          sink([displayPath(file), content]);
        }
      },
      'wholeTextFiles',
    );
  }

  // ---------------------------------------------------------------- shared variables

  broadcast<T>(value: T): Broadcast<T> {
    this.assertActive();
    return new Broadcast(value);
  }

  /** An add-only shared variable; numbers add by default, other types need an `accumParam`. */
  accumulator<T>(value: T, accumParam?: AccumulatorParam<T>): Accumulator<T> {
    this.assertActive();
    return new Accumulator(value, accumParam ?? defaultAccumulatorParam(value));
  }

  toString(): string {
    return `<SparkContext master=${this.master} appName=${this.appName}>`;
  }
}

function parallelismOf(master: string, conf: SparkConf): number {
  const configured = conf.get('spark.default.parallelism');
  if (configured !== undefined) {
    const value = Number(configured);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`Invalid spark.default.parallelism: ${configured}`);
    return value;
  }
  if (master === 'local') return 1;
  const match = /^local\[(\*|\d+)(?:\s*,\s*\d+)?\]$/.exec(master);
  if (!match)
    throw new Error(`Could not parse Master URL: '${master}' (Streamshift runs local[N] and local[*])`);
  return match[1] === '*' ? availableParallelism() : Math.max(1, Number(match[1]));
}
