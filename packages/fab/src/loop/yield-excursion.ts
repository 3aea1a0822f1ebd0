// Yield excursions (docs/fab.md §11.5): the fab watches the yield of every (tool, recipe) over a window
// of its last analysed pairs; when the window's mean falls under a floor, or drops by more than a set
// amount from the window before it, that is an excursion: a ticket keyed `yield:<tool>/<recipe>`,
// carrying the window's pairs, their loss by cause and the fault points they named. The window then
// starts afresh, so an excursion that lasts recurs on its ticket once per window, not once per pair.
import type { AnalysedPair } from '../analytics/pair/pair-analyser.js';
import { pairFigures } from '../store/pair-analysis-record.js';
import type { Violation } from './ticket-service.js';

export interface YieldExcursionSettings {
  readonly enabled: boolean;
  /** Analysed pairs (with a die yield) of one tool and recipe per window. */
  readonly window: number;
  /** An excursion: the window's mean yield under this (0..1) ... */
  readonly below: number;
  /** ... or under the mean of the window before it by more than this (0..1). */
  readonly drop: number;
}

interface Seen {
  readonly pairId: string;
  readonly yield: number;
  readonly lost: { overlay: number; void: number; cu: number };
  readonly faultPoints: readonly string[];
}

interface Track {
  current: Seen[];
  /** The mean of the last full window that was not an excursion. */
  previous: number | undefined;
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

export class YieldExcursions {
  private readonly tracks = new Map<string, Track>();

  constructor(private readonly s: YieldExcursionSettings) {
    if (!(Number.isInteger(s.window) && s.window >= 1))
      throw new RangeError('yield excursion window: an integer ≥ 1');
  }

  /** Take one analysed pair; the excursion it completes, if any. */
  observe(a: AnalysedPair): Violation | undefined {
    if (!this.s.enabled) return undefined;
    const f = pairFigures(a.record.analysis);
    if (f.yield === null) return undefined;
    const key = `${a.toolId}\u0000${a.recipe}`;
    const track = this.tracks.get(key) ?? { current: [], previous: undefined };
    this.tracks.set(key, track);
    track.current.push({
      pairId: a.pair.id,
      yield: f.yield,
      lost: { overlay: f.lostDies?.overlay ?? 0, void: f.lostDies?.void ?? 0, cu: f.lostDies?.cu ?? 0 },
      faultPoints: a.record.faultPoints,
    });
    if (track.current.length < this.s.window) return undefined;
    const window = track.current;
    track.current = [];
    const mean = window.reduce((sum, p) => sum + p.yield, 0) / window.length;
    const before = track.previous;
    const dropped = before !== undefined && before - mean > this.s.drop;
    if (mean >= this.s.below && !dropped) {
      track.previous = mean;
      return undefined;
    }
    return this.violation(a, window, mean, before);
  }

  private violation(
    a: AnalysedPair,
    window: readonly Seen[],
    mean: number,
    before: number | undefined,
  ): Violation {
    const lost = { overlay: 0, void: 0, cu: 0 };
    const points = new Map<string, number>();
    for (const p of window) {
      lost.overlay += p.lost.overlay;
      lost.void += p.lost.void;
      lost.cu += p.lost.cu;
      for (const fp of p.faultPoints) points.set(fp, (points.get(fp) ?? 0) + 1);
    }
    const faultPoints = [...points].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
    const why = mean < this.s.below ? `under ${pct(this.s.below)}` : `down from ${pct(before ?? mean)}`;
    return {
      toolId: a.toolId,
      faultKey: `yield:${a.recipe}`,
      title:
        `Yield excursion on ${a.toolId} ${a.recipe}: ${pct(mean)} over the last ${window.length} pairs, ${why}`.slice(
          0,
          200,
        ),
      data: {
        recipe: a.recipe,
        lotId: a.lotId,
        meanYield: mean,
        ...(before === undefined ? {} : { previousMeanYield: before }),
        below: this.s.below,
        drop: this.s.drop,
        pairs: window.map((p) => ({ pairId: p.pairId, yield: p.yield })),
        lostDies: lost,
        faultPoints: faultPoints.map(([id, pairs]) => ({ id, pairs })),
      },
    };
  }
}
