import type { Transport, TransportHandlers } from './transport.js';

/**
 * Two in-memory transports wired back to back, for tests of sessions (and the layers above) without
 * sockets. Bytes are delivered on a microtask, as a socket would deliver them later, so that a
 * write never re-enters the writer.
 */
export function memoryTransportPair(): [Transport, Transport] {
  const a = new MemoryTransport();
  const b = new MemoryTransport();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class MemoryTransport implements Transport {
  peer: MemoryTransport | undefined;
  private handlers: TransportHandlers | undefined;
  private closed = false;
  // Chunks that arrived while reading was paused, delivered in order on resume.
  private held: Uint8Array[] | undefined;
  /** The peer takes every byte at once. */
  readonly bufferedBytes = 0;

  pauseReading(): void {
    this.held ??= [];
  }

  resumeReading(): void {
    const held = this.held;
    this.held = undefined;
    for (const c of held ?? []) this.receive(c);
  }

  bind(handlers: TransportHandlers): void {
    this.handlers = handlers;
  }

  write(data: Uint8Array): void {
    if (this.closed) return;
    const copy = Uint8Array.from(data);
    const peer = this.peer;
    queueMicrotask(() => peer?.receive(copy));
  }

  end(): void {
    this.destroy();
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    queueMicrotask(() => {
      this.handlers?.close();
      this.peer?.destroy();
    });
  }

  private receive(data: Uint8Array): void {
    if (this.closed) return;
    if (this.held !== undefined) this.held.push(data);
    else this.handlers?.data(data);
  }
}
