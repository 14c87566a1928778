// Several streaming sources read together (a stream–stream join): one offset holds each source's
// part, so a micro-batch and its checkpoint entry cover all sources at once.
import type { MicroBatchSource, SourceOffset } from './sources';

export class CompositeSource implements MicroBatchSource {
  readonly description: string;
  readonly watchDir: string | undefined;

  constructor(readonly parts: MicroBatchSource[]) {
    this.description = parts.map((p) => p.description).join(', ');
    this.watchDir = parts.find((p) => p.watchDir !== undefined)?.watchDir;
  }

  get hasPending(): boolean {
    return this.parts.some((p) => p.hasPending === true);
  }

  nextOffset(): SourceOffset | null {
    const offsets = this.parts.map((p) => p.nextOffset());
    return offsets.some((o) => o !== null) ? { parts: offsets } : null;
  }

  /** Rows of each source for a batch (a source without new input contributes none). */
  readParts(offset: SourceOffset | null): unknown[][][] {
    return this.parts.map((p, i) => {
      const part = offset?.parts?.[i];
      return part ? p.read(part) : [];
    });
  }

  read(offset: SourceOffset): unknown[][] {
    return this.readParts(offset).flat();
  }

  commit(offset: SourceOffset): void {
    this.parts.forEach((p, i) => offset.parts?.[i] && p.commit(offset.parts[i]!));
  }

  restore(offset: SourceOffset): void {
    this.parts.forEach((p, i) => offset.parts?.[i] && p.restore(offset.parts[i]!));
  }

  stop(): void {
    for (const p of this.parts) p.stop();
  }
}
