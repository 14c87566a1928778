import { pythonRepr } from './pythonRepr';

/** How an accumulator starts and adds (PySpark's AccumulatorParam). */
export interface AccumulatorParam<T> {
  zero(initialValue: T): T;
  addInPlace(value1: T, value2: T): T;
}

/** Adds numbers: the default for number accumulators, as in PySpark. */
export const NUMBER_ACCUMULATOR_PARAM: AccumulatorParam<number> = {
  zero: () => 0,
  addInPlace: (a, b) => a + b,
};

/**
 * A shared variable tasks can only add to (PySpark's Accumulator). Tasks run in this process, so adds are
 * applied directly; reading `value` is meant for the driver, as in Spark.
 */
export class Accumulator<T> {
  private current: T;

  constructor(
    initialValue: T,
    private readonly param: AccumulatorParam<T>,
  ) {
    this.current = initialValue;
  }

  get value(): T {
    return this.current;
  }

  set value(value: T) {
    this.current = value;
  }

  add(term: T): void {
    this.current = this.param.addInPlace(this.current, term);
  }

  toString(): string {
    return pythonRepr(this.current);
  }
}

/** The default parameter for an initial value, or PySpark's error when there is none. */
export function defaultAccumulatorParam<T>(initialValue: T): AccumulatorParam<T> {
  if (typeof initialValue === 'number') return NUMBER_ACCUMULATOR_PARAM as unknown as AccumulatorParam<T>;
  throw new TypeError(`No default accumulator param for type ${typeof initialValue}; pass an accumParam`);
}
