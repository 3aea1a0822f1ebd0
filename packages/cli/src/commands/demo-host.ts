// The host side of `bondline demo`: a Bondline GEM host (@bondline/secs GemHost) on a real HSMS
// connection to the tool, doing what a fab's host does for a lot: establish communications, go
// online remote, learn the names, report only pair results and the lot end (S2F33/S2F35/S2F37),
// select the recipe (PP-SELECT) and start the lot (START), then collect the reports.
import {
  A,
  GemHost,
  type HostEvent,
  HsmsActiveEndpoint,
  HsmsSession,
  type PlainValue,
  U4,
} from '@bondline/secs';

/** A pair as the host received it (PairResult): overlay spread nm, die yield 0..1. */
export interface HostPair {
  pairId: string;
  stackId: string;
  yield: number;
  /** |mean| + 3 sigma of the sites' x and y overlay, nm. */
  xM3sNm: number;
  yM3sNm: number;
  voids: number;
  /** Alarming fault points that acted on the pair, comma-separated ('' for none). */
  alarms: string;
}

/** The lot as the host received it (LotEnded). */
export interface HostLot {
  lotId: string;
  pairsDone: number;
  yield: number;
  pairsPerHour: number;
  boundPairsPerHour: number;
  bottleneck: string;
  outcome: string;
  fillS: number;
  drainS: number;
}

const PAIR_VARS = ['PairId', 'StackId', 'PairYield', 'OverlayXM3s', 'OverlayYM3s', 'VoidCount', 'PairAlarms'];
const LOT_VARS = [
  'LotId',
  'LotPairsDone',
  'LotYield',
  'LotPairsPerHour',
  'LotBoundPairsPerHour',
  'LotBottleneck',
  'LotOutcome',
  'LotFillS',
  'LotDrainS',
];

/** A host step that did not get the answer it needs. */
export class DemoHostError extends Error {
  override readonly name = 'DemoHostError';
}

export interface DemoHostOptions {
  port: number;
  deviceId: number;
  recipe: string;
  lotId: string;
  pairs: number;
  /** Each PairResult as it arrives. */
  onPair: (pair: HostPair) => void;
  /** Resolves once the tool's own lot ended (in this process): from then the LotEnded report must come within T3. */
  toolLotEnded: Promise<unknown>;
}

/** Connect, set the tool up, run the lot; resolves with what the host collected. */
export async function hostRunsLot(o: DemoHostOptions): Promise<{ pairs: HostPair[]; lot: HostLot }> {
  const session = new HsmsSession({ sessionId: o.deviceId, t5Ms: 1000 });
  const host = new GemHost(session);
  const active = new HsmsActiveEndpoint(session, { host: '127.0.0.1', port: o.port });
  const pairs: HostPair[] = [];
  let lotEnded: (lot: HostLot) => void = () => {};
  const lot = new Promise<HostLot>((res) => {
    lotEnded = res;
  });
  host.on('event', (e) => {
    if (e.name === 'PairResult') {
      const p = hostPair(e);
      pairs.push(p);
      o.onPair(p);
    } else if (e.name === 'LotEnded') lotEnded(hostLot(e));
  });
  active.start();
  try {
    await within(session.config.t5Ms + session.config.t6Ms, session.whenState('selected'), 'HSMS select');
    expectAck('S1F13 establish communications', (await host.establishCommunications()).commack, [0]);
    // ONLACK 2: already online (a --state-dir tool keeps its control state).
    expectAck('S1F17 request online', await host.requestOnline(), [0, 2]);
    await host.learnNames();
    const ceid = (name: string): number => {
      for (const [id, n] of host.ceidNames) if (n === name) return id;
      throw new DemoHostError(`the tool has no collection event ${name}`);
    };
    const pairResult = ceid('PairResult');
    const lotEnd = ceid('LotEnded');
    expectAck('S2F37 disable all events', await host.enableEvents(false), [0]);
    expectAck('S2F33 delete all reports', await host.defineReports([]), [0]);
    expectAck(
      'S2F33 define reports',
      await host.defineReports([
        { rptid: 1, vids: PAIR_VARS },
        { rptid: 2, vids: LOT_VARS },
      ]),
      [0],
    );
    expectAck(
      'S2F35 link reports',
      await host.linkEvents([
        { ceid: pairResult, rptids: [1] },
        { ceid: lotEnd, rptids: [2] },
      ]),
      [0],
    );
    expectAck('S2F37 enable PairResult, LotEnded', await host.enableEvents(true, [pairResult, lotEnd]), [0]);
    const select = await host.command('PP-SELECT', [{ name: 'PPID', value: A(o.recipe) }]);
    expectAck(`S2F41 PP-SELECT ${o.recipe}`, select.hcack, [0]);
    const start = await host.command('START', [
      { name: 'LOTID', value: A(o.lotId) },
      { name: 'PAIRS', value: U4(o.pairs) },
    ]);
    // HCACK 4: acknowledged, will be performed later (E5).
    expectAck(`S2F41 START ${o.lotId}`, start.hcack, [0, 4]);
    await o.toolLotEnded;
    const ended = await within(session.config.t3Ms, lot, 'the LotEnded report');
    return { pairs, lot: ended };
  } finally {
    active.dispose();
  }
}

function expectAck(what: string, code: number, accepted: readonly number[]): void {
  if (!accepted.includes(code)) throw new DemoHostError(`${what}: the tool answered ${code}`);
}

async function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DemoHostError(`no ${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

const text = (v: PlainValue | undefined): string => (typeof v === 'string' ? v : '');
const num = (v: PlainValue | undefined): number => (typeof v === 'number' ? v : Number.NaN);

function hostPair(e: HostEvent): HostPair {
  const v = e.values;
  return {
    pairId: text(v.PairId),
    stackId: text(v.StackId),
    yield: num(v.PairYield),
    xM3sNm: num(v.OverlayXM3s),
    yM3sNm: num(v.OverlayYM3s),
    voids: num(v.VoidCount),
    alarms: text(v.PairAlarms),
  };
}

function hostLot(e: HostEvent): HostLot {
  const v = e.values;
  return {
    lotId: text(v.LotId),
    pairsDone: num(v.LotPairsDone),
    yield: num(v.LotYield),
    pairsPerHour: num(v.LotPairsPerHour),
    boundPairsPerHour: num(v.LotBoundPairsPerHour),
    bottleneck: text(v.LotBottleneck),
    outcome: text(v.LotOutcome),
    fillS: num(v.LotFillS),
    drainS: num(v.LotDrainS),
  };
}
