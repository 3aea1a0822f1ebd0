// Test helper: the frames an equipment session writes, in wire order, as short names (a CommLog).

import { decodeItem } from '../../codec/decode.js';
import type { CommLog, CommLogEntry } from '../../hsms/comm-log.js';
import { parseS5f1 } from '../messages/s5-alarms.js';
import { parseEventReport } from '../messages/s6-events.js';

/** The equipment's data frames as written: `SxFy`, with CEID for S6F11, ALID for S5F1, the message an S9 names. */
export class Wire implements CommLog {
  frames: string[] = [];
  dataIds: number[] = [];

  record(e: CommLogEntry): void {
    const h = e.header;
    if (e.direction !== 'out' || h.sType !== 0) return;
    const key = `S${h.stream}F${h.function}`;
    const decoded = e.body.length === 0 ? undefined : decodeItem(e.body);
    const body = decoded?.ok === true ? decoded.value : undefined;
    if (key === 'S6F11') {
      const report = parseEventReport(body);
      this.dataIds.push(Number(report.dataId));
      this.frames.push(`${key} CEID ${report.ceid}`);
    } else if (key === 'S5F1') this.frames.push(`${key} ALID ${parseS5f1(body).alid}`);
    else if (h.stream === 9 && body?.format === 'B') {
      // MHEAD/SHEAD: bytes 2 and 3 are the stream (W in the top bit) and function it names.
      this.frames.push(`${key} of S${body.value[2]! & 0x7f}F${body.value[3]}`);
    } else this.frames.push(key);
  }

  clear(): void {
    this.frames = [];
    this.dataIds = [];
  }
}
