// What a stream job runs before its own code: a SIGINT/SIGTERM handler that stops the job's streams
// gracefully, as Spark does on shutdown with spark.streaming.stopGracefullyOnShutdown=true: the active
// StreamingContext stops with stopGracefully (the batches already started and their checkpoints
// complete), and every active Structured Streaming query stops after its batch in flight. The job's own
// `await ssc.awaitTermination()` / `query.awaitTermination()` then returns and the job ends normally. A
// second signal exits at once. The handler is bundled into the job (it must share the job's copy of the
// runtime), so it is source text here rather than a module of the extension.

/** Specifier of the virtual module holding the handler (resolved by the bundler's plugin). */
export const gracefulStopModule = 'streamshift:graceful-stop';

/** Which streaming APIs the job uses: only those are imported, so a DStream job does not load the SQL engine. */
export interface StreamKinds {
  readonly dstream: boolean;
  readonly structured: boolean;
}

export function streamKindsOf(jobText: string): StreamKinds {
  return {
    dstream: /\bStreamingContext\b/.test(jobText),
    structured: /\.readStream\b/.test(jobText),
  };
}

export function gracefulStopSource(kinds: StreamKinds): string {
  const imports = [
    kinds.dstream ? "import { StreamingContext } from '@streamshift/runtime/streaming';" : '',
    kinds.structured ? "import { SparkSession } from '@streamshift/runtime/sql';" : '',
  ].join('\n');
  const dstream = kinds.dstream
    ? `const ssc = StreamingContext.getActive();
  if (ssc) stops.push(ssc.stop({ stopSparkContext: true, stopGracefully: true }));`
    : '';
  const structured = kinds.structured
    ? `const session = SparkSession.getActiveSession();
  for (const query of session ? session.streams.active : []) stops.push(query.stop());`
    : '';
  return `${imports}

let stopping = false;
async function stopGracefully(signal) {
  if (stopping) {
    process.stderr.write('streamshift: second ' + signal + ': exiting without waiting\\n');
    process.exit(130);
  }
  stopping = true;
  const stops = [];
  ${dstream}
  ${structured}
  if (stops.length === 0) process.exit(130);
  process.stderr.write('streamshift: ' + signal + ' received: stopping the stream gracefully\\n');
  try {
    await Promise.all(stops);
  } catch (error) {
    process.stderr.write('streamshift: graceful stop failed: ' + (error && error.message ? error.message : String(error)) + '\\n');
    process.exit(1);
  }
  // awaitTermination() has resolved; leave the job a moment to finish its own code, then exit.
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGINT', () => void stopGracefully('SIGINT'));
process.on('SIGTERM', () => void stopGracefully('SIGTERM'));
`;
}

/** The entry of a stream job's bundle: the handler first, then the job itself. */
export function streamEntrySource(jobPath: string): string {
  return `import ${JSON.stringify(gracefulStopModule)};\nimport ${JSON.stringify(jobPath)};\n`;
}
