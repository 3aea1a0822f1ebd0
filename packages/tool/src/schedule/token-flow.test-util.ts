// A timing-free replay of swap chains for the scheduler's tests: every step is done the moment its
// substrate is placed, a bonder holding a top and a bottom bonds them into their stack at once.

import type { ModuleKind } from '../module-kind.js';
import type { RobotOp } from './robot-op.js';
import { type FlowSubstrate, type PlanInput, planSwapChain, type StationView } from './swap-chain.js';

export interface TokenTool {
  stations: StationView[];
  /** Wafers still in their carriers, in stream order. */
  feed: { substrate: FlowSubstrate; loadPort: string }[];
  /** Stacks in the stack carrier, in arrival order. */
  delivered: string[];
  robotAt: string | undefined;
  chains: RobotOp[][];
}

const stackId = (pair: number) => `S${pair}`;

/** A tool with the given process modules and `pairs` pairs waiting in their carriers (LP1 tops, LP2 bottoms). */
export function tokenTool(modules: { id: string; kind: ModuleKind }[], pairs: number): TokenTool {
  const feed: TokenTool['feed'] = [];
  for (let p = 1; p <= pairs; p++) {
    feed.push({ substrate: { id: `T${p}`, role: 'top', pair: p }, loadPort: 'LP1' });
    feed.push({ substrate: { id: `B${p}`, role: 'bottom', pair: p }, loadPort: 'LP2' });
  }
  return {
    stations: modules.map((m) => ({ ...m, contents: [] })),
    feed,
    delivered: [],
    robotAt: undefined,
    chains: [],
  };
}

/** Plan and apply one chain; false when there was nothing to do. */
export function runChain(tool: TokenTool): boolean {
  const input: PlanInput = {
    robotAt: tool.robotAt,
    stations: tool.stations.map((s) => ({ ...s, contents: [...s.contents] })),
    feed: tool.feed[0],
    stackOf: (pair) => ({ id: stackId(pair), loadPort: 'LP3' }),
  };
  const ops = planSwapChain(input);
  if (ops.length === 0) return false;
  tool.chains.push(ops);
  const hands = new Map<string, FlowSubstrate>();
  for (const op of ops) {
    if (op.op === 'move') {
      tool.robotAt = op.station;
      continue;
    }
    if (op.station !== tool.robotAt) throw new Error(`robot at ${tool.robotAt} acts at ${op.station}`);
    if (op.op === 'pick' || op.op === 'swap') {
      const id = op.op === 'pick' ? op.substrateId : op.pick.substrateId;
      hands.set(id, takeFrom(tool, op.station, id));
    }
    if (op.op === 'place' || op.op === 'swap') {
      const id = op.op === 'place' ? op.substrateId : op.place.substrateId;
      const s = hands.get(id);
      if (s === undefined) throw new Error(`placing ${id}, not in hand`);
      hands.delete(id);
      putInto(tool, op.station, s);
    }
  }
  if (hands.size > 0) throw new Error(`chain ended holding ${[...hands.keys()].join(', ')}`);
  return true;
}

function takeFrom(tool: TokenTool, station: string, id: string): FlowSubstrate {
  if (station === 'LP1' || station === 'LP2') {
    const next = tool.feed[0];
    if (next?.substrate.id !== id) throw new Error(`picked ${id} out of stream order`);
    tool.feed.shift();
    return next.substrate;
  }
  const st = tool.stations.find((s) => s.id === station);
  const s = st?.contents.find((x) => x.id === id);
  if (st === undefined || s === undefined) throw new Error(`${id} is not at ${station}`);
  st.contents = st.contents.filter((x) => x.id !== id);
  return s;
}

function putInto(tool: TokenTool, station: string, s: FlowSubstrate): void {
  if (station === 'LP3') {
    tool.delivered.push(s.id);
    return;
  }
  const st = tool.stations.find((x) => x.id === station);
  if (st === undefined) throw new Error(`no station ${station}`);
  if (st.kind !== 'bonder') {
    if (st.contents.length > 0) throw new Error(`${station} is full, cannot take ${s.id}`);
    st.contents.push(s);
    return;
  }
  // A bonder: a top chuck and a bottom chuck; the stack stays on the bottom chuck.
  const has = (role: FlowSubstrate['role']) => st.contents.some((x) => x.role === role);
  const free = s.role === 'top' ? !has('top') : s.role === 'bottom' && !has('bottom') && !has('stack');
  if (!free)
    throw new Error(`${station} cannot take ${s.id}: holds ${st.contents.map((x) => x.id).join('+')}`);
  st.contents.push(s);
  const top = st.contents.find((x) => x.role === 'top');
  const bottom = st.contents.find((x) => x.role === 'bottom');
  if (top !== undefined && bottom !== undefined) {
    if (top.pair !== bottom.pair) throw new Error(`${station} would bond ${top.id} to ${bottom.id}`);
    st.contents = [{ id: stackId(top.pair), role: 'stack', pair: top.pair }];
  }
}
