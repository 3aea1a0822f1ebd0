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
 * Adapt a connected Node socket. Sets TCP_NODELAY, and corks the socket for the rest of the current
 * tick on the first write, so that a burst of frames written together leaves in one writev.
 */
export function socketTransport(socket: Socket): Transport {
  socket.setNoDelay(true);
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
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
      if (!corked) {
        corked = true;
        socket.cork();
        process.nextTick(uncork);
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
