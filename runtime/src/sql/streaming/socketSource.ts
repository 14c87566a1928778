// format("socket"): lines of text from a TCP server (for testing, as in Spark; no fault tolerance).
import { Socket, createConnection } from 'node:net';
import type { MicroBatchSource, SourceOffset } from './sources';

export class SocketSource implements MicroBatchSource {
  readonly description: string;
  private socket: Socket | undefined;
  private buffered: string[] = [];
  private partial = '';
  private readonly batches = new Map<number, string[]>();
  private nextId = 0;
  private error: Error | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.description = `TextSocketV2[host: ${host}, port: ${port}]`;
  }

  private connect(): void {
    if (this.socket) return;
    this.socket = createConnection({ host: this.host, port: this.port });
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop()!;
      for (const p of parts) this.buffered.push(p.endsWith('\r') ? p.slice(0, -1) : p);
    });
    this.socket.on(
      'error',
      (e) => (this.error = new Error(`Socket source ${this.host}:${this.port}: ${e.message}`)),
    );
  }

  nextOffset(): SourceOffset | null {
    this.connect();
    if (this.error) throw this.error;
    if (this.buffered.length === 0) return null;
    const id = this.nextId++;
    this.batches.set(id, this.buffered);
    this.buffered = [];
    return { start: id, end: id + 1 };
  }

  read(offset: SourceOffset): unknown[][] {
    return (this.batches.get(offset.start!) ?? []).map((l) => [l]);
  }

  commit(offset: SourceOffset): void {
    this.batches.delete(offset.start!);
  }
  restore(): void {}
  stop(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }
}
