import type { Rng } from '@bondline/physics';
import type { MarkReading } from './mark-aligner.js';

/** A registration residual in bonded wafer coordinates (nm, X right, Y up, seen from above). */
interface ResidualNm {
  x: number;
  y: number;
}

/** How the aligner fared on one pair. */
export interface PairRegistration {
  aligned: boolean;
  /** Rounds of looking at the marks (1 when both registered at once). */
  attempts: number;
  /** Residuals of the accepted readings; zero for a wafer never registered. */
  top: ResidualNm;
  bottom: ResidualNm;
  /** Match scores of the accepted readings (0 when never registered). */
  topScore: number;
  bottomScore: number;
}

/**
 * Register the marks of both wafers of a pair (docs/tool.md §4): a first round plus up to `retries`
 * more; each round looks again (a new image) at every wafer whose mark was refused so far. The
 * residuals are turned into bonded coordinates: the bottom wafer lies face up under its microscope
 * (image y down is -Y), the top wafer face down over its own (its image is also mirrored in x,
 * docs/physics.md §1.3).
 */
export function registerPair(
  aligner: { read(rng: Rng, noiseFactor: number): MarkReading },
  rng: Rng,
  retries: number,
  noiseFactor: number,
  pixelNm: number,
): PairRegistration {
  const out: PairRegistration = {
    aligned: false,
    attempts: 0,
    top: { x: 0, y: 0 },
    bottom: { x: 0, y: 0 },
    topScore: 0,
    bottomScore: 0,
  };
  let topDone = false;
  let bottomDone = false;
  const rounds = 1 + Math.max(0, Math.floor(retries));
  while (out.attempts < rounds && !(topDone && bottomDone)) {
    out.attempts++;
    if (!topDone) {
      const r = aligner.read(rng, noiseFactor);
      if (r.ok) {
        out.top = { x: -r.dxPx * pixelNm, y: -r.dyPx * pixelNm };
        out.topScore = r.score;
        topDone = true;
      }
    }
    if (!bottomDone) {
      const r = aligner.read(rng, noiseFactor);
      if (r.ok) {
        out.bottom = { x: r.dxPx * pixelNm, y: -r.dyPx * pixelNm };
        out.bottomScore = r.score;
        bottomDone = true;
      }
    }
  }
  out.aligned = topDone && bottomDone;
  return out;
}
