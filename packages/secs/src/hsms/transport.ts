import type { Socket } from 'node:net';

/** What a session needs from a byte stream. Node sockets are adapted by `socketTransport`. */
export interface Transport {
  /** Queue bytes for sending; they count in `bufferedBytes` until the operating system took them. */
  write(data: Uint8Array): void;
  /** Close gracefully after pending writes. */
  end(): void;
  /** Close now, dropping pending writes. */
  destroy(): void;
  /** Register the callbacks; called once by the session that takes the transport. */
  bind(handlers: TransportHandlers): void;
  /** Bytes written and not yet handed to the operating system (the peer has not taken them). */
  readonly bufferedBytes: number;
  /** Stop delivering received bytes (the peer's sends then back up to it) until `resumeReading`. */
  pauseReading(): void;
  resumeReading(): void;
}

export interface TransportHandlers {
  data(chunk: Uint8Array): void;
  /** The stream is gone (after end, destroy, peer close or error). Called once. */
  close(): void;
  error(err: Error): void;
  /** Buffered bytes were handed to the operating system (`bufferedBytes` fell). */
  drain(): void;
}

/**
 * Adapt a connected Node socket. Sets TCP_NODELAY. The first write of a tick goes straight out (no
 * added latency for request/reply traffic); further writes in the same tick are corked and leave
 * together in one writev when the tick ends (pipelined traffic: one syscall for many frames).
 *
 * Backpressure: once `socket.write` returns false, later frames wait in a queue of this transport,
 * not in the socket, and go out on `'drain'` until the socket refuses again. `bufferedBytes` is that
 * queue plus what the socket holds; bounding it is the session's business (HsmsConfig.maxOutboundBytes).
 */
export function socketTransport(socket: Socket): Transport {
  socket.setNoDelay(true);
  let inTick = false;
  let corked = false;
  const endTick = (): void => {
    inTick = false;
    if (corked) {
      corked = false;
      socket.uncork();
    }
  };
  // Frames waiting for 'drain', oldest first; `head` is the index of the next one to write.
  let queue: Uint8Array[] = [];
  let head = 0;
  let queuedBytes = 0;
  let blocked = false;
  const flush = (): void => {
    while (head < queue.length && !blocked) {
      const frame = queue[head]!;
      queue[head++] = EMPTY; // release it: the socket holds it now
      queuedBytes -= frame.length;
      blocked = !socket.write(frame);
    }
    if (head === queue.length) {
      queue = [];
      head = 0;
    }
  };
  // Listen for error/close from the start: a socket that fails before a session binds it must not
  // raise an unhandled 'error', and its close must still be reported on bind.
  let handlers: TransportHandlers | undefined;
  let closed = false;
  socket.on('error', (err) => handlers?.error(err));
  socket.on('close', () => {
    if (closed) return;
    closed = true;
    queue = [];
    head = 0;
    queuedBytes = 0;
    handlers?.close();
  });
  socket.on('drain', () => {
    blocked = false;
    socket.cork();
    flush();
    socket.uncork();
    handlers?.drain();
  });
  return {
    write(data) {
      if (socket.destroyed) return;
      if (blocked) {
        queue.push(data);
        queuedBytes += data.length;
        return;
      }
      if (!inTick) {
        inTick = true;
        process.nextTick(endTick);
      } else if (!corked) {
        corked = true;
        socket.cork();
      }
      blocked = !socket.write(data);
    },
    end() {
      // What waits for 'drain' is handed over as it is: the queue is bounded by the session.
      while (head < queue.length) socket.write(queue[head++]!);
      queue = [];
      head = 0;
      queuedBytes = 0;
      socket.end();
    },
    destroy() {
      socket.destroy();
    },
    bind(h) {
      handlers = h;
      // Data flows only once a listener is attached, so nothing is lost before bind.
      socket.on('data', (chunk: Buffer) => h.data(chunk));
      if (closed) queueMicrotask(() => h.close());
    },
    get bufferedBytes() {
      return queuedBytes + socket.writableLength;
    },
    pauseReading() {
      socket.pause();
    },
    resumeReading() {
      if (!socket.destroyed) socket.resume();
    },
  };
}

const EMPTY = new Uint8Array(0);
