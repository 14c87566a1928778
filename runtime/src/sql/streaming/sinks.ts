// Streaming sinks: console (Spark's "Batch: N" banner + show()), memory (a queryable table), files
// (csv/json, append only, exactly once through the _spark_metadata log), foreach and foreachBatch.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { toLocalPath } from '../../io/inputPaths';
import { DataFrame, tempViews } from '../dataframe';
import { LocalRelation } from '../plan';
import { showString } from '../show';
import { StructType } from '../types';
import { OptionValue, lookup } from '../csvOptions';
import type { Row } from '../row';
import type { SparkSession } from '../session';

export type OutputMode = 'append' | 'complete' | 'update';

export interface Sink {
  readonly description: string;
  /** Adds one micro-batch's output. Re-running a committed batch id must not duplicate output. */
  addBatch(batchId: number, rows: unknown[][], schema: StructType, mode: OutputMode): void | Promise<void>;
}

export class ConsoleSink implements Sink {
  readonly description = 'org.apache.spark.sql.execution.streaming.ConsoleTable$';
  private readonly numRows: number;
  private readonly truncate: number;
  constructor(
    options: Record<string, OptionValue>,
    private readonly out: (text: string) => void = (t) => process.stdout.write(t),
  ) {
    this.numRows = Number(lookup(options, 'numRows') ?? 20);
    const t = String(lookup(options, 'truncate') ?? 'true').toLowerCase();
    this.truncate = t === 'false' ? 0 : 20;
  }
  addBatch(batchId: number, rows: unknown[][], schema: StructType): void {
    const banner = `-------------------------------------------\nBatch: ${batchId}\n-------------------------------------------\n`;
    this.out(
      banner + showString(schema, rows.slice(0, this.numRows + 1), this.numRows, this.truncate) + '\n',
    );
  }
}

/** Keeps the result in memory, queryable as spark.table(queryName) / spark.sql("select * from name"). */
export class MemorySink implements Sink {
  readonly description = 'MemorySink';
  private rows: unknown[][] = [];
  private lastBatch = -1;
  constructor(
    private readonly session: SparkSession,
    private readonly name: string,
    schema: StructType,
  ) {
    this.publish(schema);
  }
  addBatch(batchId: number, rows: unknown[][], schema: StructType, mode: OutputMode): void {
    if (batchId <= this.lastBatch) return;
    this.lastBatch = batchId;
    if (mode === 'complete') {
      this.rows = rows;
      this.publish(schema);
    } else {
      // Appending in place keeps each batch's cost proportional to its own output.
      for (const r of rows) this.rows.push(r);
    }
  }
  private publish(schema: StructType): void {
    tempViews(this.session).set(
      this.name.toLowerCase(),
      new DataFrame(this.session, new LocalRelation(schema, this.rows)),
    );
  }
}

export class ForeachBatchSink implements Sink {
  readonly description = 'ForeachBatchSink';
  constructor(
    private readonly session: SparkSession,
    private readonly fn: (df: DataFrame, batchId: number) => void | Promise<void>,
  ) {}
  addBatch(batchId: number, rows: unknown[][], schema: StructType): void | Promise<void> {
    return this.fn(new DataFrame(this.session, new LocalRelation(schema, rows)), batchId);
  }
}

export class ForeachSink implements Sink {
  readonly description = 'ForeachSink';
  constructor(
    private readonly session: SparkSession,
    private readonly fn: (row: Row) => void,
  ) {}
  addBatch(_batchId: number, rows: unknown[][], schema: StructType): void {
    for (const r of new DataFrame(this.session, new LocalRelation(schema, rows)).collect()) this.fn(r);
  }
}

/**
 * csv/json files under `path`, one part file per batch, listed in `_spark_metadata/<batchId>` (written
 * last, atomically): a batch whose log entry exists is skipped on re-run, so a restart never duplicates.
 */
export class FileSink implements Sink {
  readonly description: string;
  private readonly dir: string;
  private readonly logDir: string;
  constructor(
    private readonly session: SparkSession,
    private readonly format: 'csv' | 'json',
    path: string,
    private readonly options: Record<string, OptionValue>,
  ) {
    this.dir = toLocalPath(path);
    this.logDir = join(this.dir, '_spark_metadata');
    this.description = `FileSink[${path}]`;
    mkdirSync(this.logDir, { recursive: true });
  }
  addBatch(batchId: number, rows: unknown[][], schema: StructType): void {
    const entry = join(this.logDir, String(batchId));
    if (existsSync(entry)) return;
    if (rows.length === 0) {
      this.log(entry, []);
      return;
    }
    const staging = join(this.dir, `.batch-${batchId}-${randomUUID()}`);
    const df = new DataFrame(this.session, new LocalRelation(schema, rows));
    df.write.mode('overwrite').options(this.options).format(this.format).save(staging);
    const files: string[] = [];
    try {
      for (const name of readdirSync(staging)) {
        const m = /^part-(\d+)-.*\.(\w+)$/.exec(name);
        if (!m) continue;
        // Names depend only on the batch: re-running a batch whose log entry is missing overwrites
        // the same files instead of adding duplicates.
        const final = `part-${m[1]}-batch-${batchId}-c000.${m[2]}`;
        renameSync(join(staging, name), join(this.dir, final));
        files.push(final);
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    this.log(entry, files);
  }

  private log(entry: string, files: string[]): void {
    const tmp = `${entry}.${randomUUID()}.tmp`;
    writeFileSync(
      tmp,
      'v1\n' +
        files.map((f) => JSON.stringify({ path: `file://${join(this.dir, f)}`, action: 'add' })).join('\n'),
    );
    renameSync(tmp, entry);
  }
}
