// One server-sent-events client: frames written to its response as long as the socket takes them;
// once a write reports a full socket, further frames wait in a queue of at most `maxQueuedBytes`
// until 'drain'. A client whose queue would grow past that (it stopped reading, or reads slower
// than the line produces) is dropped: its connection is destroyed, so a slow reader costs the
// server a bounded amount of memory, never the process.
import type { ServerResponse } from 'node:http';

export class SseClient {
  private readonly queue: string[] = [];
  private queuedBytes = 0;
  private waiting = false;
  private closed = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly maxQueuedBytes: number,
    private readonly onDrop: () => void,
  ) {
    res.on('drain', () => this.flush());
  }

  /** An event of type `event` with JSON `data` (one line: JSON.stringify escapes line breaks). */
  event(event: string, data: string): void {
    this.write(`event: ${event}\ndata: ${data}\n\n`);
  }

  /** A comment line (`: text`), which clients ignore: a heartbeat that keeps proxies from timing out. */
  comment(text: string): void {
    this.write(`: ${text}\n\n`);
  }

  /** Bytes waiting for the socket beyond what it took (0 while the client keeps up). */
  get backlogBytes(): number {
    return this.queuedBytes;
  }

  /** Stop writing; the caller ends or destroys the response. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
  }

  private write(frame: string): void {
    if (this.closed) return;
    if (!this.waiting) {
      this.waiting = !this.res.write(frame);
      return;
    }
    const bytes = Buffer.byteLength(frame);
    if (this.queuedBytes + bytes > this.maxQueuedBytes) {
      this.close();
      this.onDrop();
      return;
    }
    this.queue.push(frame);
    this.queuedBytes += bytes;
  }

  private flush(): void {
    this.waiting = false;
    while (!this.closed && !this.waiting) {
      const frame = this.queue.shift();
      if (frame === undefined) return;
      this.queuedBytes -= Buffer.byteLength(frame);
      this.waiting = !this.res.write(frame);
    }
  }
}
