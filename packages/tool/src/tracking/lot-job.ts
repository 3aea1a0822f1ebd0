// A lot as the controller runs it: the material list of its pairs (where each wafer comes from and
// where its stack goes) and the carriers that hold them (docs/tool.md §1). A LotRequest (E30 START)
// is expanded into one; a GEM300 control job with its process jobs would build the same shape from
// the host's carrier and slot lists (GEM300.md: a process job names top carrier/slot, bottom
// carrier/slot and destination carrier/slot for every pair), so the controller does not change.
import { type Issue, issue, type Result } from '@bondline/core';
import type { LotRequest } from '../controller/tool-api.js';

/** A carrier slot (1-based, as SEMI E87 numbers them). */
interface SlotRef {
  carrier: string;
  slot: number;
}

/** One pair of the lot: both wafers, where they are, and where the stack goes. */
export interface PairMaterial {
  /** 1-based position in the lot. */
  index: number;
  pairId: string;
  topId: string;
  bottomId: string;
  stackId: string;
  top: SlotRef;
  bottom: SlotRef;
  destination: SlotRef;
}

/** What a carrier holds in this lot: top wafers, bottom wafers, or (empty slots for) stacks. */
export type CarrierRole = 'top' | 'bottom' | 'stack';

export interface CarrierPlan {
  id: string;
  role: CarrierRole;
  /** Slots the carrier has (25 for a FOUP). */
  slots: number;
}

/** A lot ready to run: recipe name, carriers and the pairs in the order they are bonded. */
export interface LotJob {
  lotId: string;
  recipe: string;
  carriers: CarrierPlan[];
  pairs: PairMaterial[];
}

// Ids travel through GEM as ASCII items and into file names: printable, no spaces, bounded.
const ID = /^[\x21-\x7e]{1,64}$/;

/** Two-digit (or wider, for big carriers) slot suffix: `<lot>-T01`. */
function suffix(i: number, slots: number): string {
  return String(i).padStart(Math.max(2, String(slots).length), '0');
}

/**
 * The job of a LotRequest: pair i takes slot i of the top and bottom carriers and leaves its stack
 * in slot i of the stack carrier. Substrate ids: `<lot>-T01`, `<lot>-B01`, stack `<lot>-S01`, pair
 * `<lot>-P01`. Refused (`invalid-lot`) when the request cannot run on a tool with `carrierSlots`.
 */
export function jobFromRequest(
  request: LotRequest,
  recipe: string,
  carrierSlots: number,
): Result<LotJob, 'invalid-lot'> {
  const issues: Issue<'invalid-lot'>[] = [];
  const { lotId, pairs } = request;
  if (!ID.test(lotId))
    issues.push(
      issue('invalid-lot', `lot id '${lotId}' must be 1 to 64 printable characters without spaces`, 'lotId'),
    );
  if (!Number.isInteger(pairs) || pairs < 1 || pairs > carrierSlots) {
    issues.push(
      issue(
        'invalid-lot',
        `pairs ${pairs} must be a whole number from 1 to ${carrierSlots} (slots per carrier)`,
        'pairs',
      ),
    );
  }
  if (issues.length > 0) return { ok: false, issues };
  const top = request.topCarrier ?? `${lotId}-TOP`;
  const bottom = request.bottomCarrier ?? `${lotId}-BOT`;
  const stack = request.stackCarrier ?? `${lotId}-STK`;
  const job: LotJob = {
    lotId,
    recipe,
    carriers: [
      { id: top, role: 'top', slots: carrierSlots },
      { id: bottom, role: 'bottom', slots: carrierSlots },
      { id: stack, role: 'stack', slots: carrierSlots },
    ],
    pairs: [],
  };
  for (let i = 1; i <= pairs; i++) {
    const s = suffix(i, carrierSlots);
    job.pairs.push({
      index: i,
      pairId: `${lotId}-P${s}`,
      topId: `${lotId}-T${s}`,
      bottomId: `${lotId}-B${s}`,
      stackId: `${lotId}-S${s}`,
      top: { carrier: top, slot: i },
      bottom: { carrier: bottom, slot: i },
      destination: { carrier: stack, slot: i },
    });
  }
  return validateLotJob(job);
}

/**
 * Check a job however it was built: one carrier of each role with distinct ids, every slot inside
 * its carrier and used once, every id unique, pairs indexed 1..n in order.
 */
export function validateLotJob(job: LotJob): Result<LotJob, 'invalid-lot'> {
  const issues: Issue<'invalid-lot'>[] = [];
  const bad = (message: string, path: string) => issues.push(issue('invalid-lot', message, path));
  const byId = new Map<string, CarrierPlan>();
  for (const [i, c] of job.carriers.entries()) {
    if (!ID.test(c.id))
      bad(`carrier id '${c.id}' must be 1 to 64 printable characters without spaces`, `carriers[${i}].id`);
    if (byId.has(c.id)) bad(`carrier '${c.id}' is named twice`, `carriers[${i}].id`);
    byId.set(c.id, c);
  }
  for (const role of ['top', 'bottom', 'stack'] as const) {
    const n = job.carriers.filter((c) => c.role === role).length;
    if (n !== 1) bad(`the lot needs exactly one ${role} carrier, it has ${n}`, 'carriers');
  }
  if (job.pairs.length === 0) bad('the lot has no pairs', 'pairs');
  const ids = new Set<string>();
  const slots = new Set<string>();
  for (const [i, p] of job.pairs.entries()) {
    const at = `pairs[${i}]`;
    if (p.index !== i + 1) bad(`pair ${p.pairId} has index ${p.index}, expected ${i + 1}`, `${at}.index`);
    for (const id of [p.pairId, p.topId, p.bottomId, p.stackId]) {
      if (!ID.test(id)) bad(`id '${id}' must be 1 to 64 printable characters without spaces`, at);
      if (ids.has(id)) bad(`id '${id}' is used twice`, at);
      ids.add(id);
    }
    const refs: [SlotRef, CarrierRole, string][] = [
      [p.top, 'top', 'top'],
      [p.bottom, 'bottom', 'bottom'],
      [p.destination, 'stack', 'destination'],
    ];
    for (const [ref, role, key] of refs) {
      const c = byId.get(ref.carrier);
      if (c === undefined || c.role !== role) {
        bad(
          `${key} carrier '${ref.carrier}' of ${p.pairId} is not the lot's ${role} carrier`,
          `${at}.${key}`,
        );
      } else if (!Number.isInteger(ref.slot) || ref.slot < 1 || ref.slot > c.slots) {
        bad(`${key} slot ${ref.slot} of ${p.pairId} is outside 1..${c.slots}`, `${at}.${key}`);
      }
      const k = `${ref.carrier}\u0000${ref.slot}`;
      if (slots.has(k)) bad(`slot ${ref.slot} of carrier '${ref.carrier}' is used twice`, `${at}.${key}`);
      slots.add(k);
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: job };
}
