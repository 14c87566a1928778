import { closeSync, openSync, writeSync } from 'node:fs';

/** What one micro-batch did, reported to listeners and to the STREAMSHIFT_EVENTS file after each batch. */
export interface BatchProgress {
  readonly type: 'batchCompleted' | 'batchFailed';
  /** The batch's time in ms (a multiple of the batch duration on the streaming clock). */
  readonly batchTime: number;
  /** The same time in ISO 8601 (UTC), for people reading the events file. */
  readonly batchTimeIso: string;
  /** Paths of the files the batch read (textFileStream). */
  readonly inputFiles: readonly string[];
  /** Input records (lines, queued elements) the batch received, over all input streams. */
  readonly numRecords: number;
  /** From the batch's time to the start of its processing (waiting behind earlier batches), in ms. */
  readonly schedulingDelayMs: number;
  /** Reading the input, running the output operations and writing the checkpoint, in ms. */
  readonly processingDelayMs: number;
  /** schedulingDelayMs + processingDelayMs. */
  readonly totalDelayMs: number;
  /** Entries held as stream state after the batch: updateStateByKey keys plus elements kept for windows. */
  readonly stateSize: number;
  /** Time spent writing the checkpoint (absent without checkpointing), and its fsyncs. */
  readonly checkpointMs?: number;
  readonly checkpointFsyncMs?: number;
  readonly checkpointBytes?: number;
  /** Why the batch failed (batchFailed only). */
  readonly failure?: string;
}

export interface StreamingStarted {
  readonly type: 'streamingStarted';
  readonly time: number;
  readonly batchDurationMs: number;
  /** True when the context resumed from a checkpoint. */
  readonly recovered: boolean;
}

export interface StreamingStopped {
  readonly type: 'streamingStopped';
  readonly time: number;
  /** The error that stopped the stream, if one did. */
  readonly error?: string;
}

export interface ReceiverError {
  readonly type: 'receiverError';
  readonly time: number;
  readonly receiver: string;
  readonly message: string;
}

/** Passed to onBatchStarted (not written to the events file: the completion record repeats it). */
export interface BatchStarted {
  readonly batchTime: number;
  readonly inputFiles: readonly string[];
  readonly numRecords: number;
}

/** Any record written to the events file. */
export type StreamingEvent = BatchProgress | StreamingStarted | StreamingStopped | ReceiverError;

/**
 * Receives a StreamingContext's events (PySpark's `StreamingListener`, with plain records instead of
 * Java objects). Every method is optional.
 */
export interface StreamingListener {
  onStreamingStarted?(event: StreamingStarted): void;
  /** A batch's processing starts (after its input was read: the files and record count are known). */
  onBatchStarted?(event: BatchStarted): void;
  onBatchCompleted?(progress: BatchProgress): void;
  onReceiverError?(event: ReceiverError): void;
  onStreamingStopped?(event: StreamingStopped): void;
}

/**
 * Delivers events to the listeners and, when the environment variable STREAMSHIFT_EVENTS names a file,
 * appends each one to it as a JSON line (the VS Code run panel follows that file).
 */
export class StreamingListenerBus {
  private readonly listeners: StreamingListener[] = [];
  private eventsFd: number | undefined;

  add(listener: StreamingListener): void {
    this.listeners.push(listener);
  }

  /** Opens the events file named by STREAMSHIFT_EVENTS (read when the context starts). */
  openEventsFile(path: string | undefined = process.env.STREAMSHIFT_EVENTS): void {
    if (!path || this.eventsFd !== undefined) return;
    try {
      this.eventsFd = openSync(path, 'a');
    } catch (error) {
      throw new Error(
        `Cannot open the events file ${path} (STREAMSHIFT_EVENTS): ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  closeEventsFile(): void {
    if (this.eventsFd === undefined) return;
    closeSync(this.eventsFd);
    this.eventsFd = undefined;
  }

  post(event: StreamingEvent): void {
    if (this.eventsFd !== undefined) {
      // One write per line, in append mode: concurrent readers never see two records interleaved.
      writeSync(this.eventsFd, JSON.stringify(event) + '\n');
    }
    for (const listener of this.listeners) {
      try {
        switch (event.type) {
          case 'streamingStarted':
            listener.onStreamingStarted?.(event);
            break;
          case 'batchCompleted':
          case 'batchFailed':
            listener.onBatchCompleted?.(event);
            break;
          case 'receiverError':
            listener.onReceiverError?.(event);
            break;
          case 'streamingStopped':
            listener.onStreamingStopped?.(event);
            break;
        }
      } catch (error) {
        // As in Spark's listener bus, a failing listener must not take the stream down; say so loudly.
        console.error(`StreamingListener threw on ${event.type}:`, error);
      }
    }
  }

  postBatchStarted(event: BatchStarted): void {
    for (const listener of this.listeners) {
      try {
        listener.onBatchStarted?.(event);
      } catch (error) {
        console.error('StreamingListener threw on batchStarted:', error);
      }
    }
  }
}
