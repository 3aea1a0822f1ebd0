import { createServer, type Server, type Socket } from 'node:net';
import { SelectStatus, selectRsp } from './control.js';
import { HsmsError } from './errors.js';
import { SType } from './frame.js';
import { FrameParser } from './frame-parser.js';
import type { HsmsSession } from './session.js';
import { socketTransport } from './transport.js';

export interface PassiveEndpointOptions {
  /** TCP port; 0 picks an ephemeral port (see `listen`'s result). */
  port: number;
  /** Interface to bind; default all. */
  host?: string;
}

/**
 * The passive (listening) side of HSMS-SS: one connection at a time is handed to the session.
 * A second connection while one is up is answered, on its Select.req, with Select.rsp status 3
 * (connection exhausted) and closed.
 */
export class HsmsPassiveEndpoint {
  private server: Server | undefined;
  private readonly extra = new Set<Socket>();
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly session: HsmsSession,
    private readonly options: PassiveEndpointOptions,
  ) {}

  /** Start listening; resolves with the bound port. */
  listen(): Promise<{ port: number }> {
    if (this.server !== undefined) throw new TypeError('HsmsPassiveEndpoint is already listening');
    const server = createServer({ noDelay: true }, (socket) => this.onConnection(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (err) => {
        this.server = undefined;
        reject(err);
      });
      server.listen(this.options.port, this.options.host, () => {
        server.removeAllListeners('error');
        // Later server errors (accept failures such as EMFILE) are reported through the session.
        server.on('error', (err) =>
          this.session.emit(
            'error',
            new HsmsError('transport-error', `HSMS listener error: ${err.message}`, { cause: err }),
          ),
        );
        const addr = server.address();
        resolve({ port: typeof addr === 'object' && addr !== null ? addr.port : this.options.port });
      });
    });
  }

  /**
   * Stop listening and close the session's connection (Separate.req if selected). A peer that has
   * not closed its end within T6 is cut off, so this always finishes.
   */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (this.session.state === 'selected') this.session.separate();
    else this.session.close();
    for (const s of this.extra) s.destroy();
    if (server === undefined) return;
    const cutOff = setTimeout(() => {
      for (const s of this.sockets) s.destroy();
    }, this.session.config.t6Ms);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(cutOff);
  }

  private onConnection(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    if (this.session.state === 'not-connected') {
      this.session.attach(socketTransport(socket), 'passive');
      return;
    }
    this.refuse(socket);
  }

  private refuse(socket: Socket): void {
    this.extra.add(socket);
    socket.setNoDelay(true);
    const t7 = setTimeout(() => socket.destroy(), this.session.config.t7Ms);
    t7.unref();
    socket.on('close', () => {
      clearTimeout(t7);
      this.extra.delete(socket);
    });
    socket.on('error', () => {}); // the socket is closing anyway
    const parser = new FrameParser(
      (f) => {
        if (f.header.sType !== SType.selectReq) return;
        socket.end(selectRsp(f.header.sessionId, f.header.systemBytes, SelectStatus.connectionExhausted));
      },
      { maxMessageBytes: 1024 },
    );
    socket.on('data', (chunk: Buffer) => {
      if (parser.push(chunk) !== undefined) socket.destroy();
    });
  }
}
