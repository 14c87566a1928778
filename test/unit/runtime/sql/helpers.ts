// Shared helpers for the DataFrame engine tests: a session in UTC and scratch directories.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SparkSession } from '@streamshift/runtime/sql';

export function session(): SparkSession {
  const spark = SparkSession.builder.appName('sql-tests').master('local[2]').getOrCreate();
  spark.conf.set('spark.sql.session.timeZone', 'UTC');
  return spark;
}

/** A scratch directory removed after the current test file. */
export function scratch(): { dir: string; write(name: string, text: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'streamshift-sql-'));
  return {
    dir,
    write(name: string, text: string): string {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
