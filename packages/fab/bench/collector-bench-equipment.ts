// The tools of the collector benches, in a process of their own (a fab's tools are other machines):
// secs' GemEquipment on examples/equipment.yaml, one per tool, each on a TCP port, firing PairBonded
// with a 10-variable report as fast as the collector acknowledges it. Run by collector-bench-rig.ts as
// `node --import tsx --conditions=@bondline/source collector-bench-equipment.ts <tools> <dir>`; it
// prints `ready <json [{ port, deviceId }]>`, then for each stdin line `fire <perTool> <window> <source>`
// fires and prints `fired`; it exits when stdin closes. Source `gem`: the equipment raises the event (its report built from its
// variables, ordered, spooled when the link is down). Source `wire`: the same S6F11 (the collector's
// RPTID, the same 11 values and types) encoded here and sent on the equipment's session, so that the
// tools' process costs little of the shared cores and the collector's own limit shows. Not a test
// helper: only the benches use it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  A,
  encodeItem,
  F4,
  F8,
  formatGemTime,
  GemEquipment,
  HsmsPassiveEndpoint,
  HsmsSession,
  jsonStateStore,
  L,
  parseModelText,
  recipeDirectory,
  U1,
  U4,
} from '@bondline/secs';

const MODEL = join(import.meta.dirname, '../../../examples/equipment.yaml');
const PAIR_BONDED = 400;

/** PairBonded with a 10-variable report (and the Clock the collector puts first). */
export const BENCH_REPORT = [
  'PairId',
  'BondForce',
  'OverlayX',
  'OverlayY',
  'ChamberPressure',
  'ChuckTemperature',
  'WafersBonded',
  'Recipe',
  'ProcessState',
  'ControlState',
];

interface Equipment {
  equipment: GemEquipment;
  session: HsmsSession;
  port: number;
  deviceId: number;
}

async function startEquipment(dir: string): Promise<Equipment> {
  const m = parseModelText(readFileSync(MODEL, 'utf8'), { source: MODEL });
  if (!m.ok) throw new Error(m.issues[0]?.message);
  const session = new HsmsSession({ sessionId: m.value.deviceId });
  const equipment = new GemEquipment({
    model: m.value,
    session,
    recipes: recipeDirectory(join(dir, 'recipes')),
    store: jsonStateStore(dir),
  });
  await equipment.start();
  const endpoint = new HsmsPassiveEndpoint(session, { port: 0, host: '127.0.0.1' });
  const { port } = await endpoint.listen();
  return { equipment, session, port, deviceId: m.value.deviceId };
}

/** Fire `n` PairBonded events on one equipment, at most `window` of them unacknowledged at a time. */
async function fire(eq: GemEquipment, tool: number, n: number, window: number): Promise<void> {
  let inFlight = 0;
  let wake: (() => void) | undefined;
  for (let i = 0; i < n; i++) {
    eq.set('PairId', `T${tool}-P${i}`);
    eq.set('BondForce', 20_000 + (i % 7));
    eq.set('WafersBonded', i);
    inFlight++;
    void eq.triggerEvent(PAIR_BONDED).finally(() => {
      inFlight--;
      wake?.();
    });
    while (inFlight >= window) await new Promise<void>((r) => (wake = r));
  }
  while (inFlight > 0) await new Promise<void>((r) => (wake = r));
}

/** The collector's RPTID of the plan's first event (docs/fab.md §2.1: 1000 + place). */
const RPTID = 1000;

/**
 * As `fire`, the S6F11s built here: DATAIDs from 2,000,000,000 + 10,000,000 x tool (the equipment's
 * own are small), the Clock first, then BENCH_REPORT's values in the model's types.
 */
async function fireWire(session: HsmsSession, tool: number, n: number, window: number): Promise<void> {
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const t0 = Date.now();
  for (let i = 0; i < n; i++) {
    const values = L(
      A(formatGemTime(t0 + i)),
      A(`T${tool}-P${i}`),
      F8(20_000 + (i % 7)),
      F8(1.5),
      F8(-2.25),
      F8(1e-3),
      F4(23),
      U4(i),
      A('BOND-STD'),
      U1(4),
      U1(5),
    );
    const body = encodeItem(
      L(U4(2_000_000_000 + 10_000_000 * tool + i), U4(PAIR_BONDED), L(L(U4(RPTID), values))),
    );
    inFlight++;
    session
      .send({ stream: 6, function: 11, wBit: true, body })
      .catch((e: unknown) => console.error(`tool ${tool}: ${String(e)}`))
      .finally(() => {
        inFlight--;
        wake?.();
      });
    while (inFlight >= window) await new Promise<void>((r) => (wake = r));
  }
  while (inFlight > 0) await new Promise<void>((r) => (wake = r));
}

async function main(tools: number, dir: string): Promise<void> {
  const eqs: Equipment[] = [];
  for (let i = 0; i < tools; i++) eqs.push(await startEquipment(join(dir, `eq${i}`)));
  process.stdout.write(`ready ${JSON.stringify(eqs.map((e) => ({ port: e.port, deviceId: e.deviceId })))}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    const [cmd, perTool, window, source] = line.split(' ');
    if (cmd !== 'fire') continue;
    const n = Number(perTool);
    const w = Number(window);
    await Promise.all(
      eqs.map((e, i) => (source === 'wire' ? fireWire(e.session, i, n, w) : fire(e.equipment, i, n, w))),
    );
    process.stdout.write('fired\n');
  }
  process.exit(0); // stdin closed: the bench is done with the tools
}

if (process.argv[1] === import.meta.filename) await main(Number(process.argv[2]), process.argv[3] ?? '.');
