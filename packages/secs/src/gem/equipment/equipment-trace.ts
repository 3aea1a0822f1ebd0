// The equipment's trace data collection (S2F23 -> S6F1): the trace engine samples status variables on
// the equipment's clock and each group goes out as S6F1, or to the spool with the link down (E30 6.5).
// A trace whose S6F1 could not be sent within the session's message size is refused when it is
// defined (TIAACK 1 when one sample is too large, 5 when REPGSZ samples are; report-size.ts), sized
// with the variables' current encodings.

import { encodedItemSize } from '../../codec/encode.js';
import type { Clock } from '../../hsms/clock.js';
import type { Item } from '../../item/item.js';
import type { SecsMessage } from '../../message.js';
import { s6f1, tridItem } from '../messages/s2-s6-trace.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import { TraceEngine } from '../trace/trace-engine.js';
import { formatGemTime } from './gem-time.js';
import { traceBytes } from './report-size.js';
import type { VariableStore } from './variable-store.js';

/** What the trace needs from the equipment's parts. */
export interface TraceParts {
  readonly clock: Clock;
  readonly model: EquipmentModel;
  readonly vars: VariableStore;
  /** Equipment time, epoch ms. */
  now(): number;
  timeFormat(): 0 | 1 | 2;
  /** Send an S6F1 now, or spool it when it cannot go out (never throws, never rejects). */
  report(msg: SecsMessage): void;
  maxBodyBytes(): number;
}

export function equipmentTrace(p: TraceParts): TraceEngine<Item> {
  const svids = new Set(p.model.statusVariables.map((v) => v.id));
  return new TraceEngine<Item>({
    clock: p.clock,
    wallTime: () => p.now(),
    isKnownSvid: (v) => svids.has(v),
    sample: (ids) => ids.map((v) => p.vars.item(v)),
    fits: (req, samples) => {
      const sizes = req.svids.map((v) => p.vars.encodedSize(v));
      return traceBytes(encodedItemSize(tridItem(req.trid)), sizes, samples) <= p.maxBodyBytes();
    },
    report: (r) => {
      const stime = formatGemTime(r.stime, p.timeFormat());
      p.report(s6f1({ trid: r.trid, smpln: r.smpln, stime, values: r.values }));
    },
  });
}
