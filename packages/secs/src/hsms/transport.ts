import type { Socket } from 'node:net';

/** What a session needs from a byte stream. Node sockets are adapted by `socketTransport`. */
export interface Transport {
  /** Queue bytes for sending. */
  write(data: Uint8Array): void;
  /** Close gracefully after pending writes. */
  end(): void;
  /** Close now, dropping pending writes. */
  destroy(): void;
  /** Register the callbacks; called once by the session that takes the transport. */
  bind(handlers: TransportHandlers): void;
}

export interface TransportHandlers {
  data(chunk: Uint8Array): void;
  /** The stream is gone (after end, destroy, peer close or error). Called once. */
  close(): void;
  error(err: Error): void;
}

/**
 * Adapt a connected Node socket. Sets TCP_NODELAY. The first write of a tick goes straight out (no
 * added latency for request/reply traffic); further writes in the same tick are corked and leave
 * together in one writev when the tick ends (pipelined traffic: one syscall for many frames).
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
  // Listen for error/close from the start: a socket that fails before a session binds it must not
  // raise an unhandled 'error', and its close must still be reported on bind.
  let handlers: TransportHandlers | undefined;
  let closed = false;
  socket.on('error', (err) => handlers?.error(err));
  socket.on('close', () => {
    if (closed) return;
    closed = true;
    handlers?.close();
  });
  return {
    write(data) {
      if (socket.destroyed) return;
      if (!inTick) {
        inTick = true;
        process.nextTick(endTick);
      } else if (!corked) {
        corked = true;
        socket.cork();
      }
      socket.write(data);
    },
    end() {
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
  };
}
