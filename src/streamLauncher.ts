// What a stream job runs before its own code: a SIGINT/SIGTERM handler that stops the active
// StreamingContext gracefully (the batches already started and their checkpoints complete), as Spark
// does on shutdown with spark.streaming.stopGracefullyOnShutdown=true. The job's own
// `await ssc.awaitTermination()` then returns and the job ends normally. A second signal exits at once.
// The handler is bundled into the job (it must share the job's copy of the runtime), so it is source
// text here rather than a module of the extension.

/** Specifier of the virtual module holding the handler (resolved by the bundler's plugin). */
export const gracefulStopModule = 'streamshift:graceful-stop';

export const gracefulStopSource = `
import { StreamingContext } from '@streamshift/runtime/streaming';

let stopping = false;
async function stopGracefully(signal) {
  if (stopping) {
    process.stderr.write('streamshift: second ' + signal + ': exiting without waiting\\n');
    process.exit(130);
  }
  stopping = true;
  const ssc = StreamingContext.getActive();
  if (!ssc) process.exit(130);
  process.stderr.write('streamshift: ' + signal + ' received: stopping the stream gracefully\\n');
  try {
    await ssc.stop({ stopSparkContext: true, stopGracefully: true });
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

/** The entry of a stream job's bundle: the handler first, then the job itself. */
export function streamEntrySource(jobPath: string): string {
  return `import ${JSON.stringify(gracefulStopModule)};\nimport ${JSON.stringify(jobPath)};\n`;
}
