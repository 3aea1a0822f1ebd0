// The simulated bonder's records (fdc-sim.test-util.ts) as a collector commits them, for the FDC
// service's tests: a lot record, then the step events and trace samples in time order with each pair
// record at its end (the collector writes a pair at its PairResult, after its steps).
import type { FabRecord, LotRecord } from '../../store/records.js';
import { RECIPE, type SimRecords, type StepFaults } from './fdc-sim.test-util.js';

/** PL-VAC-037's effect on the plasma module (examples/tool/faults.yaml: edgeVoidProbability 0.12, level 1.2). */
export const LEAK: StepFaults = { PL1: { edgeVoidProbability: 0.12, faultIds: ['PL-VAC-037'] } };

export function lotRecords(lotId: string, r: SimRecords): FabRecord[] {
  const lot: LotRecord = {
    type: 'lot',
    id: lotId,
    toolId: 'B1',
    recipe: RECIPE,
    plannedPairs: r.pairs.length,
    startedMs: Date.UTC(2026, 0, 1),
  };
  const out: FabRecord[] = [lot];
  const facts = [...r.events, ...r.samples].sort((a, b) => a.equipmentTimeMs - b.equipmentTimeMs);
  for (const p of r.pairs) {
    const mine = r.events.filter((e) => [p.topId, p.bottomId].includes(String(e.data.StepSubstrates)));
    const endMs = Math.max(...mine.map((e) => e.equipmentTimeMs)) + 1000;
    while (facts.length > 0 && (facts[0]?.equipmentTimeMs ?? 0) <= endMs)
      out.push(facts.shift() as FabRecord);
    out.push({ ...p, lotId, startedMs: endMs, endedMs: endMs });
  }
  out.push(...facts);
  return out;
}

/** A sample of the trace a minute after the last of `r`'s (the tool's trace runs on between lots). */
export function laterSample(r: SimRecords): FabRecord {
  const last = r.samples.at(-1);
  if (last === undefined) throw new Error('no samples');
  return { ...last, sampleNo: last.sampleNo + 1, equipmentTimeMs: last.equipmentTimeMs + 60_000 };
}
