// `npm run demo [sample] [-- --keep --no-color]`: converts a sample's batch job, runs it, runs the
// converted stream job while feeding it the sample's feed parts, and checks both results agree
// (src/demo/runDemo.ts). Exit code 0 only when they do.
import { build } from 'esbuild';
import { join } from 'node:path';
import { DemoConsole } from '../src/demo/demoConsole';
import { runDemo } from '../src/demo/runDemo';
import { listSamples } from '../src/demo/sampleSpec';
import { colourWanted, terminalStyle } from '../src/demo/terminalStyle';

const repoRoot = join(__dirname, '..');
const samplesRoot = join(repoRoot, 'samples');

const usage = `usage: npm run demo [sample] [-- --keep] [-- --no-color]

Runs a sample's batch job and its converted stream job side by side in a temporary copy of the sample,
feeding the stream the sample's feed parts one by one; exits 0 when the stream's result equals the
batch's. Samples: ${listSamples(samplesRoot).join(', ') || '(none)'} (default wordcount).

options:
  --keep         keep the temporary working copy (its path is printed)
  --color        colour the output even when it is not a terminal
  --no-color     never colour the output (also: NO_COLOR=1)
  -h, --help     show this help
`;

async function main(argv: readonly string[]): Promise<number> {
  let sample: string | undefined;
  let keep = false;
  let colour: boolean | undefined;
  for (const arg of argv) {
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(usage);
      return 0;
    } else if (arg === '--keep') keep = true;
    else if (arg === '--color') colour = true;
    else if (arg === '--no-color') colour = false;
    else if (arg.startsWith('-') || sample !== undefined) {
      process.stderr.write(`demo: unexpected argument "${arg}"\n\n${usage}`);
      return 2;
    } else sample = arg;
  }
  sample ??= 'wordcount';
  const known = listSamples(samplesRoot);
  if (!known.includes(sample)) {
    process.stderr.write(`demo: no sample "${sample}" (samples: ${known.join(', ') || 'none'})\n`);
    return 2;
  }

  const interactive = process.stdout.isTTY === true;
  const style = terminalStyle(colourWanted(colour, process.env, interactive));
  const controller = new AbortController();
  let interruptedAt: number | undefined;
  const onSignal = () => {
    // Ctrl+C reaches the jobs too (same process group); the demo stops waiting, stops the stream job and
    // cleans up. One Ctrl+C can arrive twice (from the terminal and relayed by tsx): only a second one
    // a moment later means "exit now".
    if (interruptedAt !== undefined) {
      if (Date.now() - interruptedAt > 1000) process.exit(130);
      return;
    }
    interruptedAt = Date.now();
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return runDemo({
    sampleDir: join(samplesRoot, sample),
    toolchain: {
      build,
      // The runtime's sources: always the checkout's current runtime, no build step needed.
      runtimeRoot: join(repoRoot, 'runtime', 'src'),
      execPath: process.execPath,
      env: process.env,
    },
    console: new DemoConsole({ write: (text) => process.stdout.write(text), style, interactive }),
    keep,
    signal: controller.signal,
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
