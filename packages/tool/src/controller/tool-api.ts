// What the controller shows and accepts: the seam the GEM binding, the CLI and the fab use. The
// controller emits these events in virtual time order; the GEM binding turns them into collection
// events, alarms and trace samples, and calls ToolControl for remote commands and recipes.

import type { Result } from '@bondline/core';
import type { E10Metrics, E10State } from '@bondline/secs';
import type { AlarmingFault } from '../faults/fault-source.js';
import type { ModuleKind } from '../module-kind.js';
import type { Recipe } from '../recipe/recipe-types.js';
import type { BondOutcome, OverlayTerms, PairMetrology } from '../sim/process-physics.js';

export type ModuleState = 'idle' | 'busy' | 'held' | 'fault' | 'maintenance' | 'down';

/** SEMI E10 basic equipment states (defined in @bondline/secs). */
export type { E10State };

/** The tool's processing state (GEM's PROCESSING STATE, E30 4.4, as this tool defines it). */
export type ProcessState = 'idle' | 'setup' | 'executing' | 'pausing' | 'paused' | 'stopping' | 'aborting';

/** Where a substrate is: a carrier slot or a module. */
export type Location = { carrier: string; slot: number } | { module: string };

/** One entry of a substrate's history. */
export interface HistoryEntry {
  location: Location;
  inS: number;
  outS?: number;
  /** Step results at that place (trace values, fault ids that acted). */
  results?: Record<string, number | string>;
}

export interface SubstrateRecord {
  id: string;
  kind: 'top' | 'bottom' | 'stack';
  /** For a stack: the ids of its top and bottom wafers. */
  parts?: { topId: string; bottomId: string };
  location: Location;
  history: HistoryEntry[];
}

/** A bonded pair's record: both ids, the stack, where it went, and everything measured. */
export interface PairRecord {
  pairId: string;
  lotId: string;
  index: number;
  recipe: string;
  topId: string;
  bottomId: string;
  stackId: string;
  destination: { carrier: string; slot: number };
  bond: BondOutcome;
  metrology: PairMetrology;
  /** Overlay terms fitted from the metrology sites (nm, µrad, ppm). */
  overlay: OverlayTerms;
  yield: number;
  /** Ids of the fault points that raised an alarm or degraded this pair. */
  faults: string[];
  /** Virtual time the stack left inspection. */
  doneS: number;
}

export interface ModuleUse {
  id: string;
  kind: ModuleKind;
  /** Fraction of the lot's steady-state window the module was busy (processing, or loaded/unloaded by the robot). */
  busyFraction: number;
}

export interface LotSummary {
  lotId: string;
  recipe: string;
  pairs: number;
  /** Mean die yield over the lot's pairs, 0..1. */
  yield: number;
  /** Steady-state throughput and the bound of docs/tool.md §2 for the recipe, pairs per hour. */
  pairsPerHour: number;
  boundPairsPerHour: number;
  /** Resource with the largest busy time per pair: a module kind (bonder, clean, ...; parallel modules of a kind share it) or 'robot'. */
  bottleneck: string;
  modules: ModuleUse[];
  /** Fill (until the first pair is done) and drain (after the last pair started bonding), seconds. */
  fillS: number;
  drainS: number;
  startedS: number;
  endedS: number;
  /** 'completed', or how it ended early. */
  outcome: 'completed' | 'stopped' | 'aborted';
}

/** A lot as a host (later: a GEM300 control job) asks for it. */
export interface LotRequest {
  lotId: string;
  recipe: string;
  pairs: number;
  /** Carriers of top and bottom wafers and of the bonded stacks (ids); defaults name them after the lot. */
  topCarrier?: string;
  bottomCarrier?: string;
  stackCarrier?: string;
}

export interface ToolEventMap {
  'lot-started': { lotId: string; recipe: string; pairs: number; atS: number };
  'step-started': { moduleId: string; kind: ModuleKind; substrateIds: string[]; atS: number };
  'step-ended': {
    moduleId: string;
    kind: ModuleKind;
    substrateIds: string[];
    atS: number;
    durationS: number;
    trace: Record<string, number>;
  };
  'substrate-moved': { substrateId: string; from: Location; to: Location; atS: number };
  'pair-result': PairRecord;
  'lot-ended': LotSummary;
  'module-state': { moduleId: string; from: ModuleState; to: ModuleState; atS: number };
  'e10-state': { entity: string; from: E10State; to: E10State; atS: number };
  'process-state': { from: ProcessState; to: ProcessState; atS: number };
  alarm: { fault: AlarmingFault; set: boolean; atS: number };
  /** A trace sample (bond force, chamber pressure, RF power, chuck temperature, ...). */
  trace: { moduleId: string; name: string; value: number; atS: number };
}

export type ToolEventName = keyof ToolEventMap;

/** An entity's (the tool's or a module's) E10 state and figures since the controller started (docs/tool.md §6). */
export interface E10Figures {
  entity: string;
  state: E10State;
  metrics: E10Metrics;
}

/** A snapshot for status variables. */
export interface ToolStatus {
  processState: ProcessState;
  e10: E10State;
  lot?: { lotId: string; recipe: string; pairs: number; done: number };
  selectedRecipe: string;
  modules: { id: string; kind: ModuleKind; state: ModuleState; e10: E10State; substrateIds: string[] }[];
  activeAlarms: AlarmingFault[];
  r2rOffsets: OverlayTerms;
  pairsDone: number;
  clockS: number;
  /** E10 figures (MTBF, MTTR, availability, utilisation) of the tool and each module up to clockS. */
  e10Figures?: { tool: E10Figures; modules: E10Figures[] };
}

/** Codes a refused command carries. */
export type ControlRefusal =
  | 'busy'
  | 'not-running'
  | 'not-paused'
  | 'unknown-recipe'
  | 'invalid-lot'
  | 'unknown-alarm'
  | 'out-of-range';

/** What a host (through GEM), the CLI or a test can ask of the tool. Every command answers at once; its effect follows in events. */
export interface ToolControl {
  on<E extends ToolEventName>(event: E, listener: (payload: ToolEventMap[E]) => void): () => void;
  status(): ToolStatus;
  selectRecipe(name: string): Result<Recipe, ControlRefusal>;
  /** Start a lot with the selected (or named) recipe; resolves when it ends with its summary. */
  start(request: LotRequest): Result<{ done: Promise<LotSummary> }, ControlRefusal>;
  /** Finish the pairs already started, start no new ones. */
  stop(): Result<void, ControlRefusal>;
  /** Hold: steps in progress finish, nothing new starts until resume. */
  pause(): Result<void, ControlRefusal>;
  resume(): Result<void, ControlRefusal>;
  /** Stop now: substrates stay where they are, tracked and held; nothing is lost. */
  abort(): Result<void, ControlRefusal>;
  /** An operator clears an alarm (operator-clear recovery); the module resumes. */
  clearAlarm(faultId: string): Result<void, ControlRefusal>;
  setR2rOffsets(offsets: OverlayTerms): Result<void, ControlRefusal>;
  substrates(): SubstrateRecord[];
}
