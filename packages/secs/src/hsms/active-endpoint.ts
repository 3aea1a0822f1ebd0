import { connect as netConnect, type Socket } from 'node:net';
import { type Clock, realClock, type TimerHandle } from './clock.js';
import { TypedEmitter } from './events.js';
import type { HsmsSession } from './session.js';
import { socketTransport, type Transport } from './transport.js';

/** Opens a byte stream to the passive side. */
export type Connector = (host: string, port: number) => Promise<Transport>;

export interface ActiveEndpointOptions {
  host: string;
  port: number;
  /** Default: TCP via node:net with TCP_NODELAY, each attempt bounded by T5. */
  connect?: Connector;
  /** Default: real time. Use the session's clock in tests. */
  clock?: Clock;
}

export interface ActiveEndpointEvents {
  /** A connection attempt failed; the next one follows T5 after this one started. */
  'connect-error': Error;
}

/** What `tcpConnect` uses, injectable for tests: the clock for its timeout and the socket opener. */
export interface TcpConnectDeps {
  clock?: Clock;
  open?: (host: string, port: number) => Socket;
}

/**
 * TCP connect that resolves once the socket is connected, or rejects on error or after `timeoutMs`
 * (default 10 s: an unanswered SYN would otherwise wait for the OS, minutes). On timeout the
 * half-open socket is destroyed.
 */
export function tcpConnect(
  host: string,
  port: number,
  timeoutMs = 10_000,
  deps: TcpConnectDeps = {},
): Promise<Transport> {
  const clock = deps.clock ?? realClock;
  const open = deps.open ?? ((h: string, p: number) => netConnect({ host: h, port: p, noDelay: true }));
  return new Promise((resolve, reject) => {
    const socket = open(host, port);
    const fail = (err: Error): void => {
      clock.clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    const timer = clock.setTimeout(
      () => fail(new Error(`connect to ${host}:${port} timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('error', fail);
    socket.once('connect', () => {
      clock.clearTimeout(timer);
      socket.off('error', fail);
      resolve(socketTransport(socket));
    });
  });
}

/**
 * The active side of HSMS-SS: connects, lets the session select, and whenever the connection is
 * lost (or an attempt fails) tries again, no sooner than T5 after the previous attempt began.
 */
export class HsmsActiveEndpoint extends TypedEmitter<ActiveEndpointEvents> {
  private readonly clock: Clock;
  private readonly connector: Connector;
  private running = false;
  private connecting = false;
  private timer: TimerHandle | undefined;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private readonly offState: () => void;

  constructor(
    readonly session: HsmsSession,
    private readonly options: ActiveEndpointOptions,
  ) {
    super();
    this.clock = options.clock ?? realClock;
    this.connector =
      options.connect ?? ((host, port) => tcpConnect(host, port, session.config.t5Ms, { clock: this.clock }));
    this.offState = session.on('state', (s) => {
      if (s.to === 'not-connected') this.schedule();
    });
  }

  /** Begin connecting (and keep reconnecting until `stop`). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  /** Stop reconnecting; separate the session if selected, otherwise close its connection. */
  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.session.state === 'selected') this.session.separate();
    else this.session.close();
  }

  /** Stop and detach from the session for good. */
  dispose(): void {
    this.stop();
    this.offState();
  }

  private schedule(): void {
    if (!this.running || this.connecting || this.timer !== undefined) return;
    if (this.session.state !== 'not-connected') return;
    const delay = Math.max(0, this.lastAttemptAt + this.session.config.t5Ms - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.attempt();
    }, delay);
  }

  private attempt(): void {
    if (!this.running || this.session.state !== 'not-connected') return;
    this.connecting = true;
    this.lastAttemptAt = this.clock.now();
    this.connector(this.options.host, this.options.port).then(
      (transport) => {
        this.connecting = false;
        if (!this.running || this.session.state !== 'not-connected') {
          transport.destroy();
          return;
        }
        this.session.attach(transport, 'active');
      },
      (err: unknown) => {
        this.connecting = false;
        this.emit('connect-error', err instanceof Error ? err : new Error(String(err)));
        this.schedule();
      },
    );
  }
}
