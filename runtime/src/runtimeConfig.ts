import type { SparkConf } from './sparkConf';

/** `spark.conf`: read and change a session's configuration (PySpark's RuntimeConfig). */
export class RuntimeConfig {
  constructor(private readonly conf: SparkConf) {}

  get(key: string): string;
  get(key: string, defaultValue: string | null): string | null;
  get(key: string, defaultValue?: string | null): string | null {
    const value = this.conf.get(key);
    if (value !== undefined) return value;
    if (defaultValue !== undefined) return defaultValue;
    throw new Error(`[SQL_CONF_NOT_FOUND] The SQL config "${key}" cannot be found.`);
  }

  set(key: string, value: unknown): void {
    this.conf.set(key, value);
  }

  unset(key: string): void {
    this.conf.set(key, '');
  }

  isModifiable(_key: string): boolean {
    return true;
  }

  getAll(): Record<string, string> {
    return Object.fromEntries(this.conf.getAll());
  }
}
