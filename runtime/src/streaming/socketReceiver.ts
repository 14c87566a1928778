import { connect, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

/** Spark restarts a failed receiver after this delay ("Restarting receiver with delay 2000ms"). */
export const receiverRestartDelayMs = 2000;

export interface SocketReceiverEvents {
  /** The receiver lost or could not make its connection; it will retry. */
  onError(message: string): void;
  /** New lines are buffered (tests wait on this instead of sleeping). */
  onLines?(count: number): void;
  onConnected?(): void;
}

/**
 * The client side of `socketTextStream`: connects to host:port (as Spark's SocketReceiver does; `nc -lk`
 * is the usual server), splits the bytes into UTF-8 lines and buffers them until a batch takes them. When
 * the connection fails or the server closes it, the receiver reports it and reconnects after 2 s, as
 * Spark's receiver supervisor does; lines received before the close are kept.
 */
export class SocketReceiver {
  private socket: Socket | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private buffered: string[] = [];
  private partial = '';
  private pendingCarriageReturn = false;
  private decoder = new StringDecoder('utf8');
  private receivedTotal = 0;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly events: SocketReceiverEvents,
  ) {}

  get address(): string {
    return `${this.host}:${this.port}`;
  }

  /** Lines received since the receiver started (for diagnostics and tests). */
  get receivedLines(): number {
    return this.receivedTotal;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Hands out (and forgets) every complete line received so far. */
  takeLines(): string[] {
    const lines = this.buffered;
    this.buffered = [];
    return lines;
  }

  /** True while lines are waiting for a batch. */
  hasBufferedLines(): boolean {
    return this.buffered.length > 0;
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connect(): void {
    const socket = connect({ host: this.host, port: this.port });
    this.socket = socket;
    this.decoder = new StringDecoder('utf8');
    this.partial = '';
    this.pendingCarriageReturn = false;
    socket.on('connect', () => this.events.onConnected?.());
    socket.on('data', (chunk: Buffer) => this.accept(this.decoder.write(chunk)));
    let failed = false;
    socket.on('error', (error) => {
      failed = true;
      if (!this.stopped) this.events.onError(`Error connecting to ${this.address}: ${error.message}`);
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      // A line the server did not terminate is still a line (Java's readLine returns it at end of stream).
      this.accept(this.decoder.end());
      if (this.partial !== '') this.push([this.partial]);
      this.partial = '';
      this.socket = undefined;
      if (this.stopped) return;
      if (!failed) this.events.onError(`Socket data stream from ${this.address} had no more data`);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        if (!this.stopped) this.connect();
      }, receiverRestartDelayMs);
      // A receiver waiting to reconnect must not keep an otherwise finished process alive.
      this.retryTimer.unref();
    });
  }

  /** Splits decoded text into lines on `\n`, `\r\n` or a lone `\r`, as Java's BufferedReader.readLine. */
  private accept(text: string): void {
    if (text === '') return;
    const lines: string[] = [];
    let start = 0;
    let i = 0;
    if (this.pendingCarriageReturn) {
      this.pendingCarriageReturn = false;
      if (text.charCodeAt(0) === 10) start = i = 1;
    }
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      lines.push(this.partial + text.slice(start, i));
      this.partial = '';
      if (c === 13) {
        if (i + 1 === text.length) this.pendingCarriageReturn = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.partial += text.slice(start);
    if (lines.length > 0) this.push(lines);
  }

  private push(lines: string[]): void {
    for (const line of lines) this.buffered.push(line);
    this.receivedTotal += lines.length;
    this.events.onLines?.(lines.length);
  }
}
