// One tool as the collector sees it (docs/fab.md §2.1): a GEM host on an HSMS active connection that
// retries every T5, the setup after each connection (communications, the spool first, names, the plan,
// online), and every S6F11, S5F1 and S6F1 turned into records and acknowledged only once the commit
// queue says they are durable. Keeps the tool's status on the board.
import { fail, type Issue, issue, ok, type Result } from '@bondline/core';
import { type DataPrimary, GemHost, GemHostError, HsmsActiveEndpoint, HsmsSession } from '@bondline/secs';
import type { FabTool } from '../config/fab-config.js';
import type { ToolLinkState, ToolStatus, ToolStatusBoard } from '../pipeline/seams.js';
import type { FabRecord } from '../store/records.js';
import type { CommitQueue } from './commit-queue.js';
import { RecordMaker, type ToolFacts } from './to-records.js';
import { type ConstantRequestCode, ToolConstants } from './tool-constants.js';
import { applyPlan, readNames, toolRecords } from './tool-setup.js';
import { statusAfter } from './tool-status-follow.js';

export interface ToolLinkDeps {
  readonly queue: CommitQueue;
  readonly board: ToolStatusBoard;
  /** The fab's records for this tool (organisations, the tool), written before its first data. */
  readonly baseRecords: readonly FabRecord[];
  readonly maxPendingMessages: number;
  readonly log: (i: Issue) => void;
  /** Wall clock, epoch ms. */
  readonly now: () => number;
}

/** Longest wait between two setups that failed in a row (the wait doubles from T5 up to this). */
const SETUP_RETRY_MAX_MS = 300_000;

export class ToolLink {
  readonly session: HsmsSession;
  private readonly host: GemHost;
  /** The fab's requests about the tool's equipment constants (R2R). */
  readonly constants: ToolConstants;
  private readonly endpoint: HsmsActiveEndpoint;
  /** Bumped on every new connection: an answer for a message of an older connection is never sent. */
  private generation = 0;
  private maker: RecordMaker | undefined;
  // Data primaries of connection `gen` wait here for the first setup (`durable`); released when it
  // finishes, when that connection is gone, or on close.
  private setupWait: { gen: number; promise: Promise<void>; release: () => void } | undefined;
  private setupsDone = 0;
  private closed = false;
  private held = false;
  /** Setups that failed in a row (reset by one that succeeds): the next attempt waits longer. */
  private setupFailures = 0;
  // Data primaries of connection `waitingGeneration` waiting for the first setup (`durable`).
  private waitingForSetup = 0;
  private waitingGeneration = -1;
  private retryTimer: NodeJS.Timeout | undefined;
  /** The device id the tool used on this connection when it was not the configured one. */
  private foreignDevice: number | undefined;
  private readonly facts: ToolFacts = {
    vidNames: new Map(),
    ceidNames: new Map(),
    alarmTexts: new Map(),
    constants: new Map(),
    lots: new Map(),
  };
  private status: ToolStatus;
  received = 0;
  reconnects = 0;

  constructor(
    readonly tool: FabTool,
    private readonly deps: ToolLinkDeps,
  ) {
    this.status = { toolId: tool.id, link: 'disconnected', updatedMs: deps.now() };
    const timers = Object.fromEntries(Object.entries(tool.timers).filter(([, v]) => v !== undefined));
    this.session = new HsmsSession({
      sessionId: tool.deviceId,
      ...timers,
      maxPrimariesInProgress: deps.maxPendingMessages,
    });
    this.host = new GemHost(this.session, { ackGate: (p) => this.durable(p) });
    this.constants = new ToolConstants(tool.id, this.host, (names) => this.constantIds(names));
    this.host.on('error', (e) => deps.log(issue('bad-primary', `${tool.id}: ${e.message}`)));
    this.host.on('error-message', (e) => this.s9(e.function, e.header));
    // A tool of another device id sends its S1F13 (and S9F1) under its own: remembered for the log.
    this.session.on('unknown-device', ({ message }) => {
      this.foreignDevice = message.sessionId;
    });
    this.session.on('error', (e) => deps.log(issue('hsms-error', `${tool.id}: ${e.message}`)));
    this.endpoint = new HsmsActiveEndpoint(this.session, { host: tool.address, port: tool.port });
    this.endpoint.on('connect-error', () => this.setLink('connecting'));
    this.session.on('state', (s) => {
      if (s.to === 'selected') this.connected();
      else if (s.to === 'not-connected') {
        if (s.from === 'selected') this.reconnects++;
        this.setLink('disconnected');
      }
    });
  }

  start(): void {
    this.setLink('connecting');
    this.endpoint.start();
  }

  /**
   * The sink has failed for a while with this tool's messages unanswered: drop the link, so the tool
   * keeps what it sends next in its spool rather than wait for answers past its T3, and stay away
   * until `resume`.
   */
  hold(): void {
    if (this.held || this.closed) return;
    this.held = true;
    this.deps.log(
      issue('sink-stalled', `${this.tool.id}: the sink takes no records; link dropped until it does`),
    );
    this.endpoint.stop();
  }

  resume(): void {
    if (!this.held || this.closed) return;
    this.held = false;
    if (this.retryTimer === undefined) this.endpoint.start();
  }

  /** ECIDs of constants by the names the tool declared at setup. */
  private constantIds(names: readonly string[]): Result<number[], ConstantRequestCode> {
    if (this.maker === undefined || this.session.state !== 'selected')
      return fail(issue('tool-not-ready', `${this.tool.id}: not communicating yet`));
    const byName = new Map<string, number>();
    for (const [vid, name] of this.facts.vidNames) byName.set(name, vid);
    const ids: number[] = [];
    for (const n of names) {
      const id = byName.get(n);
      if (id === undefined)
        return fail(issue('unknown-constant', `${this.tool.id}: the tool declares no ${n}`));
      ids.push(id);
    }
    return ok(ids);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.generation++;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.endpoint.dispose();
    this.releaseSetupWaiters();
    await this.putStatus({ link: 'disconnected' });
  }

  // ---- connection and setup --------------------------------------------------------------------

  private connected(): void {
    const gen = ++this.generation;
    this.foreignDevice = undefined;
    this.setLink('selected');
    // Messages of the connection before, still waiting for a setup, will not be answered on it.
    this.releaseSetupWaiters();
    // Not inside the session's state callback: the Select.rsp is still being read there.
    setImmediate(() => this.runSetup(gen));
  }

  private runSetup(gen: number): void {
    if (gen !== this.generation) return;
    this.setup(gen).catch((err: unknown) => {
      if (gen !== this.generation) return; // the link went meanwhile; the next connection sets up again
      this.setupFailed(err);
    });
  }

  /**
   * Log why, drop the link, and try again later: T5 after the first failure, twice as long after each
   * further one in a row (up to SETUP_RETRY_MAX_MS), so a tool that cannot be set up (a wrong device
   * id, a tool that refuses) is not hammered.
   */
  private setupFailed(err: unknown): void {
    this.setupFailures++;
    const t5 = this.session.config.t5Ms;
    const waitMs = Math.min(Math.max(t5, SETUP_RETRY_MAX_MS), t5 * 2 ** (this.setupFailures - 1));
    const next = `; next attempt in ${(waitMs / 1000).toFixed(1)} s`;
    const text = err instanceof Error ? err.message : String(err);
    const wrongId =
      (err instanceof GemHostError && err.s9Reason === 'unrecognized-device-id') ||
      this.foreignDevice !== undefined;
    if (wrongId) {
      const theirs =
        this.foreignDevice === undefined ? '' : ` (the tool speaks as device ${this.foreignDevice})`;
      this.deps.log(
        issue(
          'wrong-device-id',
          `${this.tool.id}: the tool at ${this.tool.address}:${this.tool.port} does not answer to device id ${this.tool.deviceId}${theirs}; check deviceId in the configuration: ${text}${next}`,
        ),
      );
    } else this.deps.log(issue('setup-failed', `${this.tool.id}: ${text}${next}`));
    this.endpoint.stop();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.closed && !this.held) this.endpoint.start();
    }, waitMs);
    this.retryTimer.unref();
  }

  private untilSetUp(gen: number): Promise<void> {
    if (this.setupWait?.gen !== gen) {
      this.releaseSetupWaiters();
      let release = (): void => {};
      const promise = new Promise<void>((resolve) => (release = resolve));
      this.setupWait = { gen, promise, release };
    }
    return this.setupWait.promise;
  }

  /**
   * Let the messages waiting for a setup go on: decoded and stored once the tool is set up (`maker`),
   * else unanswered (their connection is gone). Their handlers end, so the session no longer counts
   * them in progress (a count that would stop it reading the next connection).
   */
  private releaseSetupWaiters(): void {
    this.setupWait?.release();
    this.setupWait = undefined;
  }

  /**
   * As many data messages wait for the first setup as the session lets be in progress: it stops
   * reading the tool, and with it the replies the setup waits for (until their T3). Drop the link
   * now, as a failed setup does: the tool spools what it was sending (the unanswered messages
   * included), so the next connection sets up undisturbed and then asks for the spool (S6F23).
   */
  private floodedBeforeSetup(gen: number): void {
    if (gen !== this.generation || this.session.state !== 'selected') return;
    // The setup still running on this connection fails with the link: not a second failure.
    this.generation++;
    this.releaseSetupWaiters();
    this.setupFailed(
      new Error(
        `the tool sent ${this.waitingForSetup} messages before its setup finished (collector.maxPendingMessages); link dropped so that the tool spools them, setting up again`,
      ),
    );
  }

  /** An S9 from the tool: one that ended a request is logged by that request's failure. */
  private s9(fn: number, header: Uint8Array | undefined): void {
    if (fn !== 9 || header === undefined) return;
    const v = new DataView(header.buffer, header.byteOffset, header.length);
    this.deps.log(
      issue(
        'tool-t3-timeout',
        `${this.tool.id}: the tool gave up waiting (T3) for our answer to its S${v.getUint8(2) & 0x7f}F${v.getUint8(3)} (system bytes ${v.getUint32(6)}) (S9F9): the sink's commits take longer than the tool's T3`,
      ),
    );
  }

  private async setup(gen: number): Promise<void> {
    const h = this.host;
    const c = await h.establishCommunications();
    if (c.commack !== 0) throw new Error(`S1F13 answered COMMACK ${c.commack}`);
    // Equipment that is not ONLINE answers nothing but S1F13/S1F17 (E30): online before anything else.
    if (this.tool.onlineRemote) {
      const onlack = await h.requestOnline();
      if (onlack !== 0 && onlack !== 2) throw new Error(`S1F17 answered ONLACK ${onlack}`);
    }
    // After a reconnect, the spool first (FAB.md): the names and reports are those of this process.
    if (this.setupsDone > 0) await this.transmitSpool();
    const names = await readNames(h);
    if (gen !== this.generation) return;
    for (const [name, vid] of names.variables) this.facts.vidNames.set(vid, name);
    for (const [name, ceid] of names.events) this.facts.ceidNames.set(ceid, name);
    const applied = await applyPlan(h, this.tool, names, this.facts, {
      defineReports: this.setupsDone === 0,
      spoolFirst: () => this.transmitSpool(),
    });
    if (!applied.ok) {
      for (const i of applied.issues)
        this.deps.log(issue(i.code, `${this.tool.id}: plan ${this.tool.planName}: ${i.message}`, i.path));
      // A plan the tool cannot follow: no use reconnecting until the configuration changes.
      this.endpoint.stop();
      return;
    }
    if (gen !== this.generation) return;
    this.maker = new RecordMaker(this.tool.id, applied.value.plan, this.facts);
    // The fab's rows for the tool go first; then its modules and constants as the tool declares them.
    this.deps.queue.push({
      toolId: this.tool.id,
      records: [...this.deps.baseRecords, ...toolRecords(this.tool.id, names)],
      receivedAt: performance.now(),
      ownRecords: true,
      settle: () => {},
    });
    this.setupsDone++;
    this.setupFailures = 0;
    this.releaseSetupWaiters();
    await this.putStatus({ ...applied.value.status, link: 'communicating' });
  }

  private async transmitSpool(): Promise<void> {
    const rsda = await this.host.transmitSpool();
    // RSDA 2: no spooled data (E5). 1: busy, retried on the next connection.
    if (rsda !== 0 && rsda !== 2)
      this.deps.log(issue('spool-refused', `${this.tool.id}: S6F23 answered RSDA ${rsda}`));
  }

  // ---- data --------------------------------------------------------------------------------------

  /** The ack gate: true once the message's records are durable and its connection still stands. */
  private async durable(p: DataPrimary): Promise<boolean> {
    const gen = this.generation;
    const receivedAt = performance.now();
    const receivedMs = this.deps.now();
    this.received++;
    if (this.maker === undefined) {
      // Data before the first setup finished (a tool with reports and events enabled by an earlier
      // collector sends at once): it waits, decoded once the names are read.
      // Counted per connection: those of a dropped one are no longer in its session's count.
      if (this.waitingGeneration !== gen) {
        this.waitingGeneration = gen;
        this.waitingForSetup = 0;
      }
      this.waitingForSetup++;
      if (this.waitingForSetup >= this.deps.maxPendingMessages) this.floodedBeforeSetup(gen);
      try {
        await this.untilSetUp(gen);
      } finally {
        if (this.waitingGeneration === gen) this.waitingForSetup--;
      }
    }
    const maker = this.maker;
    if (maker === undefined || this.closed) return false;
    const records = maker.records(p, receivedMs);
    this.follow(p, receivedMs);
    const stored = await new Promise<boolean>((settle) =>
      this.deps.queue.push({ toolId: this.tool.id, records, receivedAt, settle }),
    );
    return stored && gen === this.generation && this.session.state === 'selected';
  }

  /** What an event says of the tool's states, on the board (tool-status-follow.ts). */
  private follow(p: DataPrimary, atMs: number): void {
    const next = statusAfter(this.status, p, atMs);
    if (next === undefined) return;
    this.status = next;
    void this.deps.board.put(next);
  }

  private setLink(link: ToolLinkState): void {
    if (this.status.link !== link) void this.putStatus({ link });
  }

  private putStatus(change: Partial<Omit<ToolStatus, 'toolId'>>): Promise<void> {
    this.status = { ...this.status, ...change, updatedMs: this.deps.now() };
    return this.deps.board.put(this.status);
  }
}
