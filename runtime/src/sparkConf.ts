/**
 * Spark configuration: string keys to string values (PySpark's SparkConf). Setters return `this` so they
 * chain as in `new SparkConf().setAppName('x').setMaster('local[2]')`.
 */
export class SparkConf {
  private readonly settings = new Map<string, string>();

  constructor(entries?: Iterable<readonly [string, unknown]> | Record<string, unknown>) {
    if (entries) {
      const pairs = Symbol.iterator in entries ? entries : Object.entries(entries);
      for (const [key, value] of pairs as Iterable<readonly [string, unknown]>) this.set(key, value);
    }
  }

  set(key: string, value: unknown): this {
    this.settings.set(key, String(value));
    return this;
  }

  setIfMissing(key: string, value: unknown): this {
    if (!this.settings.has(key)) this.set(key, value);
    return this;
  }

  setAppName(name: string): this {
    return this.set('spark.app.name', name);
  }

  setMaster(master: string): this {
    return this.set('spark.master', master);
  }

  setAll(pairs: Iterable<readonly [string, unknown]>): this {
    for (const [key, value] of pairs) this.set(key, value);
    return this;
  }

  get(key: string): string | undefined;
  get(key: string, defaultValue: string): string;
  get(key: string, defaultValue?: string): string | undefined {
    return this.settings.get(key) ?? defaultValue;
  }

  contains(key: string): boolean {
    return this.settings.has(key);
  }

  getAll(): [string, string][] {
    return [...this.settings];
  }

  copy(): SparkConf {
    return new SparkConf(this.settings);
  }

  toDebugString(): string {
    return [...this.settings].map(([key, value]) => `${key}=${value}`).join('\n');
  }
}
