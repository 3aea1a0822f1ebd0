// The aligner's run-to-run offsets as equipment constants (docs/tool.md §7): a host's S2F15 within the
// limits (EAC 3 outside them, secs) is applied to the tool at once; the constants, which GEM persists,
// are the offsets' truth, so they are applied at bind time too. Should the tool still refuse offsets
// the constants allowed, the constants are put back to the tool's offsets and the refusal reported.

import type { ToolControl } from '../controller/tool-api.js';
import type { OverlayTerms } from '../sim/process-physics.js';
import type { GemPort } from './gem-port.js';
import { R2R_CONSTANTS, R2R_TERM } from './tool-constants.js';

const R2R_IDS: ReadonlySet<number> = new Set(R2R_CONSTANTS.map((c) => c.id));

/** Apply the R2R constants now and whenever one changes; returns the unsubscriber. */
export function bindR2r(tool: ToolControl, gem: GemPort): () => void {
  // Putting a constant back is a constant change too; the tool already has those values.
  let puttingBack = false;
  const apply = (): void => {
    const offsets: OverlayTerms = { Tx: 0, Ty: 0, Rot: 0, Mag: 0 };
    for (const c of R2R_CONSTANTS) offsets[R2R_TERM[c.name]] = Number(gem.equipment.vars.get(c.id));
    const r = tool.setR2rOffsets(offsets);
    if (r.ok) return;
    gem.report(
      'r2r-refused',
      `the tool refused R2R offsets ${JSON.stringify(offsets)}: ${r.issues.map((i) => i.message).join('; ')}`,
    );
    const current = tool.status().r2rOffsets;
    puttingBack = true;
    try {
      // Each is reported as a constant change of its own (ConstantChanged with ChangedEcid).
      for (const c of R2R_CONSTANTS) {
        const term = R2R_TERM[c.name];
        if (current[term] !== offsets[term]) gem.set(c.name, current[term]);
      }
    } finally {
      puttingBack = false;
    }
  };
  apply();
  return gem.equipment.on('constants-changed', ({ ecids }) => {
    if (!puttingBack && ecids.some((id) => R2R_IDS.has(id))) apply();
  });
}
