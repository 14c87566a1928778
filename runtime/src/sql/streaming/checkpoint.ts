// Checkpoint directory of a streaming query, in Spark's layout: metadata (query id), offsets/<batch>
// (what the batch reads, written before it runs), commits/<batch> (written after its output is in the
// sink), plus state/<batch>.json with the operator state after the batch. Every file is written to a
// temporary name and renamed, so a crash never leaves a half-written entry.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { toLocalPath } from '../../io/inputPaths';
import type { SourceOffset } from './sources';

export interface OffsetEntry {
  batchId: number;
  batchWatermarkMs: number;
  batchTimestampMs: number;
  source: SourceOffset;
}

export class Checkpoint {
  readonly dir: string;
  constructor(location: string) {
    this.dir = toLocalPath(location);
    for (const sub of ['offsets', 'commits', 'state', 'sources/0'])
      mkdirSync(join(this.dir, sub), { recursive: true });
  }

  /** The query id stored at first start (a restarted query keeps its id, gets a new runId). */
  queryId(fresh: string): string {
    const p = join(this.dir, 'metadata');
    if (existsSync(p)) return (parseCheckpointJson(p, readFileSync(p, 'utf8')) as { id: string }).id;
    atomicWrite(p, JSON.stringify({ id: fresh }));
    return fresh;
  }

  private ids(sub: string): number[] {
    return readdirSync(join(this.dir, sub))
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .sort((a, b) => a - b);
  }

  offsets(): OffsetEntry[] {
    return this.ids('offsets').map((id) => {
      const offsetsPath = join(this.dir, 'offsets', String(id));
      const [, meta, source] = readFileSync(offsetsPath, 'utf8').split('\n');
      const m = parseCheckpointJson(offsetsPath, meta) as {
        batchWatermarkMs: number;
        batchTimestampMs: number;
      };
      const files = this.sourceFiles(id);
      const src = parseCheckpointJson(offsetsPath, source) as SourceOffset & { logOffset?: number };
      delete src.logOffset;
      return { batchId: id, ...m, source: files ? { ...src, files } : src };
    });
  }

  private sourceFiles(id: number): SourceOffset['files'] | undefined {
    const p = join(this.dir, 'sources/0', String(id));
    if (!existsSync(p)) return undefined;
    return readFileSync(p, 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => {
        const e = parseCheckpointJson(p, l) as { path: string; timestamp: number };
        return { path: e.path.replace(/^file:\/\//, ''), mtimeMs: e.timestamp };
      });
  }

  lastCommitted(): { batchId: number; nextBatchWatermarkMs: number } | null {
    const ids = this.ids('commits');
    if (ids.length === 0) return null;
    const id = ids[ids.length - 1];
    const commitPath = join(this.dir, 'commits', String(id));
    const [, body] = readFileSync(commitPath, 'utf8').split('\n');
    return {
      batchId: id,
      nextBatchWatermarkMs: (parseCheckpointJson(commitPath, body) as { nextBatchWatermarkMs: number })
        .nextBatchWatermarkMs,
    };
  }

  writeOffsets(e: OffsetEntry): void {
    const { files, ...rest } = e.source;
    if (files)
      atomicWrite(
        join(this.dir, 'sources/0', String(e.batchId)),
        'v1\n' +
          files
            .map((f) =>
              JSON.stringify({ path: `file://${f.path}`, timestamp: f.mtimeMs, batchId: e.batchId }),
            )
            .join('\n') +
          '\n',
      );
    atomicWrite(
      join(this.dir, 'offsets', String(e.batchId)),
      `v1\n${JSON.stringify({ batchWatermarkMs: e.batchWatermarkMs, batchTimestampMs: e.batchTimestampMs, conf: {} })}\n${JSON.stringify({ logOffset: e.batchId, ...rest })}`,
    );
  }

  /** Operator state after a batch: a full snapshot, or a delta over the previous batch's state. */
  private lastFullSnapshot = -1;

  writeState(batchId: number, state: { full: boolean }): void {
    if (state.full) this.lastFullSnapshot = batchId;
    atomicWrite(join(this.dir, 'state', `${batchId}.json`), JSON.stringify(state, encode));
  }

  /** The snapshot chain to restore the state after `batchId`: the last full snapshot, then deltas. */
  readStateChain(batchId: number): { full: boolean }[] {
    const chain: { full: boolean }[] = [];
    for (let id = batchId; id >= 0; id--) {
      const p = join(this.dir, 'state', `${id}.json`);
      if (!existsSync(p)) break;
      const s = parseCheckpointJson(p, readFileSync(p, 'utf8'), decode) as { full: boolean };
      chain.unshift(s);
      if (s.full) return chain;
    }
    if (chain.length > 0)
      throw new Error(
        `Checkpoint ${this.dir}: the state snapshot chain for batch ${batchId} is incomplete (no full snapshot).`,
      );
    return chain;
  }

  writeCommit(batchId: number, nextBatchWatermarkMs: number): void {
    atomicWrite(
      join(this.dir, 'commits', String(batchId)),
      `v1\n${JSON.stringify({ nextBatchWatermarkMs })}`,
    );
    // Once a full snapshot is committed, older state files are no longer needed.
    if (this.lastFullSnapshot === batchId)
      for (const name of readdirSync(join(this.dir, 'state'))) {
        const id = Number(name.replace(/\.json$/, ''));
        if (Number.isInteger(id) && id < batchId) rmSync(join(this.dir, 'state', name), { force: true });
      }
  }
}

export function atomicWrite(path: string, text: string): void {
  const tmp = `${path}.${randomUUID()}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** JSON encoding of operator state: Sets, Maps and undefined survive the round trip. */
function encode(_key: string, value: unknown): unknown {
  if (value instanceof Set) return { $set: [...value] };
  if (value instanceof Map) return { $map: [...value] };
  if (value === undefined) return { $undef: 1 };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $num: String(value) };
  return value;
}

function decode(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if ('$set' in v) return new Set(v.$set as unknown[]);
    if ('$map' in v) return new Map(v.$map as [unknown, unknown][]);
    if ('$undef' in v) return undefined;
    if ('$num' in v) return Number(v.$num);
  }
  return value;
}

/**
 * Parses one JSON document of a checkpoint file. A torn or truncated file (a crash of a process that wrote
 * it in place, a disk filling up, a copy cut short) must not surface as a bare SyntaxError: the error
 * names the file, so the user can restore it or delete the checkpoint to start over.
 */
export function parseCheckpointJson(
  path: string,
  text: string | undefined,
  reviver?: (this: unknown, key: string, value: unknown) => unknown,
): unknown {
  try {
    if (text === undefined) throw new Error('the file ends early');
    return JSON.parse(text, reviver);
  } catch (error) {
    throw new Error(
      `The checkpoint file ${path} is corrupt (torn or truncated): ${error instanceof Error ? error.message : String(error)}. ` +
        'Restore it, or delete the checkpoint directory to start the query over.',
    );
  }
}
