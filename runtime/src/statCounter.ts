import { pythonNumberRepr } from './pythonRepr';

/**
 * Count, mean, variance, min and max of numbers in one pass (PySpark's StatCounter, Welford's
 * algorithm with Chan's merge). Methods, not properties, as in PySpark (`stats.mean()`), so converted
 * code reads the same. An empty counter has mean 0, min +inf, max -inf and NaN variances, as PySpark's.
 */
export class StatCounter {
  private n = 0;
  private mu = 0;
  private m2 = 0;
  private maxValue = -Infinity;
  private minValue = Infinity;

  constructor(values?: Iterable<number>) {
    if (values) for (const value of values) this.merge(value);
  }

  /** Adds one value. */
  merge(value: number): this {
    const delta = value - this.mu;
    this.n += 1;
    this.mu += delta / this.n;
    this.m2 += delta * (value - this.mu);
    if (value > this.maxValue) this.maxValue = value;
    if (value < this.minValue) this.minValue = value;
    return this;
  }

  /** Adds everything another counter has seen. */
  mergeStats(other: StatCounter): this {
    if (other === this) return this.mergeStats(other.copy());
    if (other.n === 0) return this;
    if (this.n === 0) {
      this.n = other.n;
      this.mu = other.mu;
      this.m2 = other.m2;
      this.maxValue = other.maxValue;
      this.minValue = other.minValue;
      return this;
    }
    const delta = other.mu - this.mu;
    const n = this.n + other.n;
    if (other.n * 10 < this.n) this.mu += (delta * other.n) / n;
    else if (this.n * 10 < other.n) this.mu = other.mu - (delta * this.n) / n;
    else this.mu = (this.mu * this.n + other.mu * other.n) / n;
    this.m2 += other.m2 + (delta * delta * this.n * other.n) / n;
    this.n = n;
    this.maxValue = Math.max(this.maxValue, other.maxValue);
    this.minValue = Math.min(this.minValue, other.minValue);
    return this;
  }

  copy(): StatCounter {
    const clone = new StatCounter();
    clone.n = this.n;
    clone.mu = this.mu;
    clone.m2 = this.m2;
    clone.maxValue = this.maxValue;
    clone.minValue = this.minValue;
    return clone;
  }

  count(): number {
    return this.n;
  }

  mean(): number {
    return this.mu;
  }

  sum(): number {
    return this.n * this.mu;
  }

  min(): number {
    return this.minValue;
  }

  max(): number {
    return this.maxValue;
  }

  /** Population variance (divides by n); NaN when empty. */
  variance(): number {
    return this.n === 0 ? NaN : this.m2 / this.n;
  }

  /** Sample variance (divides by n - 1); NaN with fewer than two values. */
  sampleVariance(): number {
    return this.n <= 1 ? NaN : this.m2 / (this.n - 1);
  }

  stdev(): number {
    return Math.sqrt(this.variance());
  }

  sampleStdev(): number {
    return Math.sqrt(this.sampleVariance());
  }

  /** PySpark's `asDict(sample=False)`. */
  asDict(sample = false): {
    count: number;
    mean: number;
    sum: number;
    min: number;
    max: number;
    stdev: number;
    variance: number;
  } {
    return {
      count: this.count(),
      mean: this.mean(),
      sum: this.sum(),
      min: this.min(),
      max: this.max(),
      stdev: sample ? this.sampleStdev() : this.stdev(),
      variance: sample ? this.sampleVariance() : this.variance(),
    };
  }

  /** PySpark's repr: `(count: 3, mean: 2.0, stdev: 0.816496580927726, max: 3.0, min: 1.0)`. */
  toString(): string {
    return `(count: ${this.n}, mean: ${float(this.mean())}, stdev: ${float(this.stdev())}, max: ${float(this.max())}, min: ${float(this.min())})`;
  }
}

/** Python prints these as floats: `2.0`, not `2`. */
function float(value: number): string {
  const text = pythonNumberRepr(value);
  return Number.isInteger(value) && !text.includes('e') ? `${text}.0` : text;
}
