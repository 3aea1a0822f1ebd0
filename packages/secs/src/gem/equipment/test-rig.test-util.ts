// Test rig: a GemEquipment (passive) and a GemHost (active) on 127.0.0.1 with an ephemeral port.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DEADLINE_MS, until } from '@bondline/core/testing';
import { afterEach } from 'vitest';
import { type Connector, HsmsActiveEndpoint } from '../../hsms/active-endpoint.js';
import type { CommLog } from '../../hsms/comm-log.js';
import type { HsmsConfigInput } from '../../hsms/config.js';
import { HsmsPassiveEndpoint } from '../../hsms/passive-endpoint.js';
import { HsmsSession } from '../../hsms/session.js';
import type { HsmsSessionOptions } from '../../hsms/session-types.js';
import { GemHost } from '../host/gem-host.js';
import { builtinConstant } from '../model/builtin-types.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import { parseModelText } from '../model/load-model.js';
import { Spool, type SpoolOptions } from '../spool/spool.js';
import { GemEquipment, type GemEquipmentOptions } from './gem-equipment.js';
import { recipeDirectory } from './recipe-directory.js';

const EXAMPLE_MODEL_FILE = new URL('../../../../../examples/equipment.yaml', import.meta.url);

/**
 * The shipped example model, as device 1: the hand-built frames of these tests address device 1 so
 * that a session id of 0 (the default) could never pass for a correct one by accident.
 */
export function exampleModel(): EquipmentModel {
  const r = parseModelText(readFileSync(EXAMPLE_MODEL_FILE, 'utf8'));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return { ...r.value, deviceId: 1 };
}

/** Set the establish-communications retry delay: the EstablishCommunicationsTimeout EC's default, if declared. */
export function setRetryDelay(model: EquipmentModel, seconds: number): void {
  model.communication.establishRetryS = seconds;
  const ec = builtinConstant(model, 'establish-communications-timeout');
  if (ec !== undefined) ec.default = seconds;
}

export interface Rig {
  equipment: GemEquipment;
  host: GemHost;
  hostSession: HsmsSession;
  toolSession: HsmsSession;
  port: number;
  dir: string;
  active: HsmsActiveEndpoint;
  close(): Promise<void>;
}

export interface RigOptions {
  model?: EquipmentModel;
  /** HSMS settings of both sessions. */
  hsms?: HsmsConfigInput;
  /** The equipment's session only (a FakeClock for its T3, say), over `hsms`. */
  toolHsms?: HsmsSessionOptions;
  /** The host's session only, over `hsms`. */
  hostHsms?: HsmsSessionOptions;
  /** Records every frame of the equipment's session, in wire order. */
  toolLog?: CommLog;
  equipment?: Partial<GemEquipmentOptions>;
  dir?: string;
  /** How the host connects (default TCP): a test may keep the host's transport to stop its reading. */
  connect?: Connector;
}

/** Start equipment and host; resolves once the equipment's S1F13 was accepted. */
export async function startRig(opts: RigOptions = {}): Promise<Rig> {
  const model = opts.model ?? exampleModel();
  // A 1 s retry keeps the tests short should a first S1F13 go unanswered (the equipment retries on its delay).
  if (opts.model === undefined) setRetryDelay(model, 1);
  // The example's spooling activated/deactivated events would join every spool count; the tests of
  // those events pass the example model themselves (spool-events.loopback.test.ts).
  if (opts.model === undefined)
    model.spool = { maxMessages: model.spool.maxMessages, maxBytes: model.spool.maxBytes };
  // A spool handed to the rig keeps the policy it was opened with, as `bondline equipment` opens its
  // spool with the policy of the OverWriteSpool default (the equipment applies the EC at start).
  const overwrite = builtinConstant(model, 'overwrite-spool');
  const spool = opts.equipment?.spool;
  if (opts.model === undefined && overwrite !== undefined && spool !== undefined)
    overwrite.default = spool.policy === 'overwrite';
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'gem-'));
  const toolSession = new HsmsSession({
    sessionId: model.deviceId,
    ...opts.hsms,
    ...opts.toolHsms,
    ...(opts.toolLog === undefined ? {} : { log: opts.toolLog }),
  });
  const hostSession = new HsmsSession({
    sessionId: model.deviceId,
    t5Ms: 1000,
    ...opts.hsms,
    ...opts.hostHsms,
  });
  const equipment = new GemEquipment({
    model,
    session: toolSession,
    recipes: recipeDirectory(join(dir, 'recipes')),
    ...opts.equipment,
  });
  await equipment.start();
  const host = new GemHost(hostSession);
  const passive = new HsmsPassiveEndpoint(toolSession, { host: '127.0.0.1', port: 0 });
  const { port } = await passive.listen();
  const communicating = whenCommunicating(equipment);
  const active = new HsmsActiveEndpoint(hostSession, {
    host: '127.0.0.1',
    port,
    ...(opts.connect === undefined ? {} : { connect: opts.connect }),
  });
  active.start();
  await communicating;
  return {
    equipment,
    host,
    hostSession,
    toolSession,
    port,
    dir,
    active,
    async close() {
      equipment.stop();
      active.dispose();
      await passive.close();
      if (opts.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves when the equipment's communication state next becomes COMMUNICATING (its S1F13 accepted). */
export function whenCommunicating(equipment: GemEquipment): Promise<void> {
  return new Promise((resolve) => {
    const off = equipment.on('communication-state', (s) => {
      if (s.to === 'communicating') {
        off();
        resolve();
      }
    });
  });
}

/**
 * Resolves once every primary the equipment sent has its reply (events the host emitted are
 * acknowledged only after): a link dropped before that would spool them (they were in flight).
 */
export async function whenAcknowledged(r: Rig): Promise<void> {
  await until(() => r.toolSession.openTransactions === 0, 'every equipment primary answered', {
    intervalMs: 2,
    detail: () => `${r.toolSession.openTransactions} still open`,
  });
}

/**
 * A round trip with the equipment (S1F1 W, S1F2): once it resolves, the host has handled every frame
 * the equipment wrote before its S1F2. The way to see that nothing more came, without a fixed wait.
 */
export async function roundTrip(r: Rig): Promise<void> {
  await r.host.request({ stream: 1, function: 1, wBit: true });
}

/** Drop the host's connection; resolves once the equipment's session is down. */
export async function dropLink(r: Rig): Promise<void> {
  const down = r.toolSession.whenState('not-connected');
  r.active.stop();
  await down;
}

/** Reconnect the host; resolves once the equipment's S1F13 was accepted. */
export async function reconnect(r: Rig): Promise<void> {
  const communicating = whenCommunicating(r.equipment);
  r.active.start();
  await communicating;
}

/**
 * The next value a subscription delivers, with a deadline (default core's TEST_DEADLINE_MS) so that a
 * missing event fails instead of hanging.
 */
export function next<T>(
  subscribe: (fn: (a: T) => void) => () => void,
  timeoutMs = TEST_DEADLINE_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const off = subscribe((a) => {
      clearTimeout(t);
      resolve(a);
    });
    const t = setTimeout(() => {
      off();
      reject(new Error(`nothing within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

/** A rig whose equipment spools to `<dir>/spool` (stop policy unless told, no fsync), with the host ONLINE. */
export interface SpoolRig extends Rig {
  spool: Spool;
}

/** Start a `SpoolRig`; `close` also closes the spool and removes its directory. */
export async function startSpoolRig(
  opts: Pick<RigOptions, 'model' | 'toolLog' | 'hsms' | 'connect'> &
    Partial<Pick<SpoolOptions, 'maxMessages' | 'maxBytes' | 'policy' | 'maxPendingAppends'>> = {},
): Promise<SpoolRig> {
  const { maxMessages, maxBytes, policy, maxPendingAppends, ...rigOptions } = opts;
  const dir = mkdtempSync(join(tmpdir(), 'gem-spool-'));
  const spool = await Spool.open({
    dir: join(dir, 'spool'),
    maxMessages: maxMessages ?? 100,
    maxBytes: maxBytes ?? 1 << 20,
    policy: policy ?? 'stop',
    sync: false,
    ...(maxPendingAppends === undefined ? {} : { maxPendingAppends }),
  });
  const rig = await startRig({ ...rigOptions, dir, equipment: { spool } });
  const close = async (): Promise<void> => {
    await rig.close();
    await spool.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const onlack = await rig.host.requestOnline();
  if (onlack !== 0) {
    await close();
    throw new Error(`the equipment refused ONLINE (ONLACK ${onlack})`);
  }
  return { ...rig, spool, close };
}

/**
 * Register remote command `name` with a runner that stays running until `finish(hcack)`: for tests of
 * what happens while a host primary is being handled. `started` resolves once the runner runs;
 * `onStart` runs inside it (to raise events or alarms from the handler).
 */
export function hangingCommand(
  equipment: GemEquipment,
  name: string,
  onStart: () => void = () => {},
): { started: Promise<void>; finish: (hcack: number) => void } {
  let finish: (hcack: number) => void = () => {};
  let running: () => void = () => {};
  const started = new Promise<void>((res) => {
    running = res;
  });
  equipment.onCommand(name, () => {
    onStart();
    running();
    return new Promise<number>((res) => {
      finish = res;
    });
  });
  return { started, finish: (hcack) => finish(hcack) };
}

/**
 * For a test file whose tests each start their own rig with the host ONLINE (and, with `learnNames`,
 * the equipment's names learned): registers the afterEach that closes it and returns the starter.
 */
export function onlineRigPerTest(
  defaults: { learnNames?: boolean } = {},
): (opts?: RigOptions) => Promise<Rig> {
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });
  return async (opts = {}) => {
    rig = await startRig(opts);
    const onlack = await rig.host.requestOnline();
    if (onlack !== 0) throw new Error(`the equipment refused ONLINE (ONLACK ${onlack})`);
    if (defaults.learnNames === true) await rig.host.learnNames();
    return rig;
  };
}

/**
 * The rejections nobody handled while `run` ran and the equipment's sends settled after it (a few
 * event-loop turns: no timer, no I/O is waited for).
 */
export async function withoutUnhandled(run: () => Promise<void>): Promise<unknown[]> {
  const unhandled: unknown[] = [];
  const on = (reason: unknown): void => {
    unhandled.push(reason);
  };
  process.on('unhandledRejection', on);
  try {
    await run();
    // The equipment's own sends settle within a few turns; Node reports an unhandled rejection once
    // the microtasks of a turn have run.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  } finally {
    process.off('unhandledRejection', on);
  }
  return unhandled;
}
