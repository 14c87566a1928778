import { pythonReprTruncated } from './pythonRepr';

/**
 * A function supplied by the job (the lambda given to `map`, `filter`, `reduceByKey`, …) threw while an
 * action ran. Spark reports such failures with the Python traceback of the task; here the message names
 * what a user needs to find the bad record: the operation, the partition and the element (in Python's
 * textual form, truncated). The original error stays available as `cause`.
 */
export class UserFunctionError extends Error {
  override readonly name = 'UserFunctionError';

  constructor(
    /** The RDD operation whose function threw, e.g. `map`. */
    readonly operation: string,
    /** The index of the partition being computed. */
    readonly partition: number,
    /** The element (or key/value pair) the function was applied to; `NO_ELEMENT` for whole-partition functions. */
    readonly element: unknown,
    cause: unknown,
  ) {
    const where = element === NO_ELEMENT ? '' : ` on element ${pythonReprTruncated(element)}`;
    super(`${operation} failed in partition ${partition}${where}: ${describe(cause)}`, { cause });
  }
}

/** Stands for "no single element" when a function over a whole partition (mapPartitions…) fails. */
export const NO_ELEMENT: unique symbol = Symbol('no element');

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return pythonReprTruncated(error);
}
