// Lot and pair events of the tool into GEM (docs/tool.md §7): the data variables of each event are set,
// then the event fires, so every report linked to it carries this lot's or this pair's values (secs
// builds the S6F11 from the values at the moment the event fires).

import type { LotSummary, PairRecord, ToolControl, ToolEventMap } from '../controller/tool-api.js';
import type { FaultPoint } from '../faults/fault-point.js';
import { CEID } from './gem-ids.js';
import type { GemPort } from './gem-port.js';
import { mean3Sigma } from './overlay-spread.js';

/** Counts the status variables keep between events. */
export interface LotCounters {
  pairsDone: number;
  pairsDoneTotal: number;
}

/** Subscribe to lot-started, pair-result and lot-ended; returns the unsubscribers. */
export function bindLotEvents(
  tool: ToolControl,
  gem: GemPort,
  catalogue: readonly FaultPoint[],
  counters: LotCounters,
): (() => void)[] {
  // Silent fault points never leave the tool over GEM: only the data may show them (TOOL.md).
  const alarming = new Set(catalogue.filter((fp) => fp.alarm !== undefined).map((fp) => fp.id));
  return [
    tool.on('lot-started', (e) => lotStarted(gem, e, counters)),
    tool.on('pair-result', (p) => pairResult(gem, p, alarming, counters)),
    tool.on('lot-ended', (s) => lotEnded(gem, s)),
  ];
}

function lotStarted(gem: GemPort, e: ToolEventMap['lot-started'], counters: LotCounters): void {
  counters.pairsDone = 0;
  gem.set('LotId', e.lotId);
  gem.set('LotRecipe', e.recipe);
  gem.set('LotPairs', e.pairs);
  gem.set('PairsDone', 0);
  gem.set('ToolTimeS', e.atS);
  gem.fire(CEID.lotStarted);
}

function pairResult(gem: GemPort, p: PairRecord, alarming: ReadonlySet<string>, counters: LotCounters): void {
  counters.pairsDone++;
  counters.pairsDoneTotal++;
  const voids = p.metrology.voids.length;
  gem.set('PairId', p.pairId);
  gem.set('PairIndex', p.index);
  gem.set('TopId', p.topId);
  gem.set('BottomId', p.bottomId);
  gem.set('StackId', p.stackId);
  gem.set('PairRecipe', p.recipe);
  gem.set('PairYield', p.yield);
  gem.set('OverlayTx', p.overlay.Tx);
  gem.set('OverlayTy', p.overlay.Ty);
  gem.set('OverlayRot', p.overlay.Rot);
  gem.set('OverlayMag', p.overlay.Mag);
  gem.set('OverlayXM3s', mean3Sigma(p.metrology.sites.map((s) => s.dx)));
  gem.set('OverlayYM3s', mean3Sigma(p.metrology.sites.map((s) => s.dy)));
  gem.set('OverlaySites', p.metrology.sites.length);
  gem.set('VoidCount', voids);
  gem.set('PairAlarms', p.faults.filter((f) => alarming.has(f)).join(','));
  gem.set('StackSlot', `${p.destination.carrier}:${p.destination.slot}`);
  gem.set('PairDoneS', p.doneS);
  gem.set('PairOverlayMap', overlayMap(p));
  gem.set('PairVoidMap', voidMap(p));
  gem.set('PairDieMap', Array.from(p.metrology.dieYield.causes));
  gem.set('PairDieRows', p.metrology.dieYield.rows);
  gem.set('PairDieCols', p.metrology.dieYield.cols);
  gem.set('LotId', p.lotId);
  gem.set('LastPairId', p.pairId);
  gem.set('LastPairYield', p.yield);
  gem.set('LastOverlayTx', p.overlay.Tx);
  gem.set('LastOverlayTy', p.overlay.Ty);
  gem.set('LastOverlayRot', p.overlay.Rot);
  gem.set('LastOverlayMag', p.overlay.Mag);
  gem.set('LastVoidCount', voids);
  gem.set('PairsDone', counters.pairsDone);
  gem.set('PairsDoneTotal', counters.pairsDoneTotal);
  gem.set('ToolTimeS', p.doneS);
  gem.fire(CEID.pairResult);
}

function lotEnded(gem: GemPort, s: LotSummary): void {
  gem.set('LotId', s.lotId);
  gem.set('LotRecipe', s.recipe);
  gem.set('LotPairsDone', s.pairs);
  gem.set('LotYield', s.yield);
  gem.set('LotPairsPerHour', s.pairsPerHour);
  gem.set('LotBoundPairsPerHour', s.boundPairsPerHour);
  gem.set('LotBottleneck', s.bottleneck);
  gem.set('LotOutcome', s.outcome);
  gem.set('LotFillS', s.fillS);
  gem.set('LotDrainS', s.drainS);
  gem.set('LotStartedS', s.startedS);
  gem.set('LotEndedS', s.endedS);
  gem.set('ToolTimeS', s.endedS);
  gem.fire(CEID.lotEnded);
}

/** Void causes as the PairVoidMap carries them (docs/tool.md §7.5). */
const VOID_CAUSE_CODE = { particle: 1, edge: 2, fault: 3 } as const;

/** X µm, Y µm, dx nm, dy nm per site, flat (the PairOverlayMap F8 array). */
function overlayMap(p: PairRecord): number[] {
  const out: number[] = [];
  for (const s of p.metrology.sites) out.push(s.X, s.Y, s.dx, s.dy);
  return out;
}

/** x mm, y mm, diameter µm, cause code per void, flat (the PairVoidMap F8 array). */
function voidMap(p: PairRecord): number[] {
  const out: number[] = [];
  for (const v of p.metrology.voids) out.push(v.xMm, v.yMm, v.diameterUm, VOID_CAUSE_CODE[v.cause]);
  return out;
}
