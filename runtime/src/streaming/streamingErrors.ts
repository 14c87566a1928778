import { formatPythonDateTime } from './pythonDateTime';

/**
 * A streaming batch failed. The message says which batch and which step, followed by the cause's own
 * message — for a user function that threw, the RDD operation, partition and element (UserFunctionError);
 * for an input file, its path. `awaitTermination()` rejects with this error.
 */
export class StreamingBatchError extends Error {
  override readonly name = 'StreamingBatchError';

  constructor(
    /** The batch's time in ms. */
    readonly batchTime: number,
    /** What the batch was doing: `reading its input`, `output operation foreachRDD (DStream #3)`, … */
    readonly step: string,
    cause: unknown,
  ) {
    super(
      `Streaming batch ${formatPythonDateTime(batchTime)} (${batchTime} ms) failed in ${step}: ${describe(cause)}`,
      {
        cause,
      },
    );
  }
}

/** A stream's operator failed while building a batch's RDD (a transform function that threw, …). */
export class StreamOperationError extends Error {
  override readonly name = 'StreamOperationError';

  constructor(
    readonly operation: string,
    readonly streamId: number,
    cause: unknown,
  ) {
    super(`${operation} (DStream #${streamId}) failed: ${describe(cause)}`, { cause });
  }
}

function describe(error: unknown): string {
  if (error instanceof StreamOperationError) return error.message;
  if (error instanceof Error)
    return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
  return String(error);
}
