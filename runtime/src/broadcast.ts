/**
 * A read-only value shared with every task (PySpark's Broadcast). Everything runs in one process, so
 * there is nothing to ship; what remains is the lifecycle: after `destroy()` the value is gone and using
 * it is an error, as in Spark.
 */
export class Broadcast<T> {
  private destroyed = false;
  private current: T | undefined;

  constructor(value: T) {
    this.current = value;
  }

  get value(): T {
    if (this.destroyed) throw new Error('Attempted to use broadcast variable after it was destroyed');
    return this.current as T;
  }

  /** Spark drops executor copies; there are none here, the value stays usable. */
  unpersist(_blocking = false): void {}

  destroy(_blocking = false): void {
    this.destroyed = true;
    this.current = undefined;
  }
}
