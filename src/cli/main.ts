// Entry point of the `streamshift` command line tool: a thin shell over the converter core and the
// task runner's bundling code.
//   streamshift convert <batch.ts> [-o <stream.ts>] [--in-place] [--check] [--json]
//   streamshift run <job.ts> [--batch | --stream]   (runJob.ts)
// Exit codes: 0 done, 1 `--check` found a pipeline that cannot stream, 2 bad usage or unreadable input.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { convert, detect, type Conversion, type ConvertOptions, type Pipeline } from '../convert/index';
import { loadBundledEsbuild } from '../esbuildLoader';
import { shippedRuntimeRoot } from '../runtimeResolution';
import { runJobCommand, type RunEnvironment } from './runJob';
import { unifiedDiff } from './unifiedDiff';

/** Everything the CLI touches outside itself, so tests run it in-process against a fake. */
export interface CliIo {
  readonly cwd: string;
  readFile(absolutePath: string): string;
  /** Writes atomically: the file is either the old or the complete new text, never half-written. */
  writeFile(absolutePath: string, text: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const usage = `usage: streamshift convert <batch.ts> [options]
       streamshift run <job.ts> [--batch | --stream]   (see streamshift run --help)

Converts the batch pipelines of a job into an equivalent streaming job. By default prints the change as
a unified diff against <name>.stream.ts.

options:
  -o, --output <stream.ts>   write the streaming job to this file
  --in-place                 replace <batch.ts> with the streaming job
  --check                    report each pipeline's verdict; exit 1 if one cannot stream
  --json                     print pipelines, verdicts, reasons and notes as JSON
  --input-dir <dir>          folder the stream watches (default stream_input/)
  --trigger <seconds>        micro-batch interval (default 5)
  --checkpoint-root <dir>    root folder for checkpoints (default checkpoint/)
  --max-files-per-trigger <n>  most new files per micro-batch of a DataFrame stream
                             (default 1000; 0: no limit)
  -h, --help                 show this help
`;

/** `convert` answers at once; `run` resolves when the job has ended. */
export function main(argv: readonly string[], io: CliIo = nodeIo()): number | Promise<number> {
  if (argv.length === 0) {
    io.stderr(usage);
    return 2;
  }
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(usage);
    return 0;
  }
  if (argv[0] === 'run') return runJobCommand(argv.slice(1), nodeRunEnvironment(io));
  if (argv[0] !== 'convert') return fail(io, `unknown command "${argv[0]}"`);
  const parsed = parseConvertArgs(argv.slice(1));
  if (typeof parsed === 'string') return fail(io, parsed);
  if (parsed.help) {
    io.stdout(usage);
    return 0;
  }
  return runConvert(parsed, io);
}

interface ConvertArgs {
  help: boolean;
  input?: string;
  output?: string;
  inPlace: boolean;
  check: boolean;
  json: boolean;
  options: {
    inputDir?: string;
    triggerSeconds?: number;
    checkpointRoot?: string;
    maxFilesPerTrigger?: number;
  };
}

function parseConvertArgs(args: readonly string[]): ConvertArgs | string {
  const parsed: ConvertArgs = { help: false, inPlace: false, check: false, json: false, options: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string | undefined => {
      const next = args[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) return undefined;
      i++;
      return next;
    };
    switch (arg) {
      case '-h':
      case '--help':
        parsed.help = true;
        break;
      case '-o':
      case '--output': {
        const output = value();
        if (output === undefined) return `${arg} needs a file name`;
        parsed.output = output;
        break;
      }
      case '--in-place':
        parsed.inPlace = true;
        break;
      case '--check':
        parsed.check = true;
        break;
      case '--json':
        parsed.json = true;
        break;
      case '--input-dir':
      case '--checkpoint-root': {
        const dir = value();
        if (dir === undefined) return `${arg} needs a folder`;
        if (arg === '--input-dir') parsed.options.inputDir = dir;
        else parsed.options.checkpointRoot = dir;
        break;
      }
      case '--trigger': {
        const seconds = Number(value());
        if (!Number.isFinite(seconds) || seconds <= 0) return '--trigger needs a number of seconds > 0';
        parsed.options.triggerSeconds = seconds;
        break;
      }
      case '--max-files-per-trigger': {
        const count = Number(value());
        if (!Number.isSafeInteger(count) || count < 0)
          return '--max-files-per-trigger needs a whole number ≥ 0 (0: no limit)';
        parsed.options.maxFilesPerTrigger = count;
        break;
      }
      default:
        if (arg.startsWith('-')) return `unknown option "${arg}"`;
        if (parsed.input !== undefined)
          return `only one job file can be converted at a time (got "${parsed.input}" and "${arg}")`;
        parsed.input = arg;
    }
  }
  if (parsed.help) return parsed;
  if (parsed.input === undefined) return 'convert needs a job file: streamshift convert <batch.ts>';
  if (parsed.output !== undefined && parsed.inPlace) return '-o and --in-place cannot be used together';
  return parsed;
}

function runConvert(args: ConvertArgs, io: CliIo): number {
  const inputPath = path.resolve(io.cwd, args.input as string);
  let text: string;
  try {
    text = io.readFile(inputPath);
  } catch (error) {
    return fail(io, `cannot read ${args.input}: ${(error as Error).message}`, false);
  }
  const file = { fileName: inputPath, text };
  // Data files (schema inference) and the project's Prettier config are read through the same io.
  const readDataFile = (path: string): string | undefined => {
    try {
      return io.readFile(path);
    } catch {
      return undefined;
    }
  };
  const options: ConvertOptions = { ...args.options, readDataFile };
  let pipelines: Pipeline[];
  let conversion: Conversion;
  try {
    pipelines = detect(file);
    conversion = convert(file, options);
  } catch (error) {
    return fail(io, (error as Error).message, false);
  }
  const blocked = pipelines.some((p) => p.verdict.status === 'blocked');
  const targetPath = args.inPlace
    ? inputPath
    : args.output !== undefined
      ? path.resolve(io.cwd, args.output)
      : streamFileName(inputPath);
  const writes = args.inPlace || args.output !== undefined;
  if (writes && conversion.converted.length > 0) {
    try {
      io.writeFile(targetPath, conversion.text);
    } catch (error) {
      return fail(
        io,
        `cannot write ${path.relative(io.cwd, targetPath)}: ${(error as Error).message}`,
        false,
      );
    }
  }

  if (args.json) {
    io.stdout(
      `${JSON.stringify(jsonReport(file.text, args.input as string, pipelines, conversion, writes ? targetPath : undefined, io.cwd), null, 2)}\n`,
    );
  } else {
    io.stderr(summary(file.text, args.input as string, pipelines, conversion));
    if (!args.check && !writes && conversion.converted.length > 0) {
      io.stdout(
        unifiedDiff(text, conversion.text, {
          fromFile: path.relative(io.cwd, inputPath),
          toFile: path.relative(io.cwd, targetPath),
        }),
      );
    }
    if (writes && conversion.converted.length > 0) io.stderr(`wrote ${path.relative(io.cwd, targetPath)}\n`);
  }
  return args.check && blocked ? 1 : 0;
}

/** `jobs/batch.ts` → `jobs/batch.stream.ts`, like the seed's batch.py → stream.py, beside the job. */
export function streamFileName(batchPath: string): string {
  const ext = path.extname(batchPath);
  return path.join(path.dirname(batchPath), `${path.basename(batchPath, ext)}.stream${ext || '.ts'}`);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function summary(text: string, name: string, pipelines: readonly Pipeline[], conversion: Conversion): string {
  const lines: string[] = [];
  if (pipelines.length === 0) lines.push(`${name}: no batch pipeline found`);
  for (const pipeline of pipelines) {
    const at = `${name}:${lineOf(text, pipeline.span.start)}`;
    const verdict = pipeline.verdict;
    lines.push(`${at}: ${pipeline.label}: ${verdict.status}`);
    if (verdict.status === 'blocked') {
      for (const reason of verdict.reasons) {
        lines.push(
          `  ${name}:${lineOf(text, reason.span.start)}: ${reason.message}`,
          `    fix: ${reason.fix}`,
        );
      }
    } else if (verdict.status === 'convertible-with-changes') {
      for (const change of verdict.changes)
        lines.push(`  ${name}:${lineOf(text, change.span.start)}: ${change.message}`);
    }
  }
  for (const note of conversion.notes) lines.push(`note: ${note}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function jsonReport(
  text: string,
  name: string,
  pipelines: readonly Pipeline[],
  conversion: Conversion,
  written: string | undefined,
  cwd: string,
): unknown {
  const position = (offset: number) => ({ offset, line: lineOf(text, offset) });
  return {
    file: name,
    pipelines: pipelines.map((p) => ({
      id: p.id,
      api: p.api,
      label: p.label,
      line: lineOf(text, p.span.start),
      source: p.source,
      steps: p.steps,
      sink: p.sink,
      verdict: p.verdict.status,
      reasons:
        p.verdict.status === 'blocked'
          ? p.verdict.reasons.map((r) => ({ message: r.message, fix: r.fix, ...position(r.span.start) }))
          : [],
      changes:
        p.verdict.status === 'convertible-with-changes'
          ? p.verdict.changes.map((c) => ({ message: c.message, ...position(c.span.start) }))
          : [],
      converted: conversion.converted.includes(p.id),
    })),
    notes: conversion.notes,
    ...(written !== undefined && conversion.converted.length > 0
      ? { written: path.relative(cwd, written) }
      : {}),
  };
}

/** Bad usage or input: exit 2 with the message (and the usage, when the command line was the problem). */
function fail(io: CliIo, message: string, showUsage = true): number {
  io.stderr(`streamshift: ${message}\n${showUsage ? `\n${usage}` : ''}`);
  return 2;
}

function nodeIo(): CliIo {
  return {
    cwd: process.cwd(),
    readFile: (p) => fs.readFileSync(p, 'utf8'),
    writeFile: (p, text) => {
      const temp = path.join(path.dirname(p), `.${path.basename(p)}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        fs.writeFileSync(temp, text);
        fs.renameSync(temp, p);
      } catch (error) {
        fs.rmSync(temp, { force: true });
        throw error;
      }
    },
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}

/**
 * `run` from the bundled CLI (dist/cli.js): esbuild's API and binary and the runtime are shipped beside
 * it in dist/, as in the VSIX (ADR 0003), so the npm package needs no dependencies.
 */
function nodeRunEnvironment(io: CliIo): RunEnvironment {
  const distDir = __dirname;
  return {
    cwd: io.cwd,
    loadEsbuild: () => loadBundledEsbuild(distDir),
    runtimeRoot: shippedRuntimeRoot(path.join(distDir, '..')),
    execPath: process.execPath,
    env: process.env,
    tempRoot: os.tmpdir(),
    stdout: io.stdout,
    stderr: io.stderr,
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
      return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      };
    },
  };
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => (process.exitCode = code));
}
