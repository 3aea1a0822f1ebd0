// Encoded sizes of the bodies the equipment builds from what the host defines (S6F11 from S2F33 /
// S2F35, S6F1 from S2F23), computed from the sizes of their values as E5 encodes them, so that a
// definition whose report could never be sent within the session's maxMessageBytes is refused when it
// is made (DRACK 1, LRACK 1, TIAACK 1/5) instead of failing every time the event fires.

/** Format byte and length bytes of an item whose length (bytes or list members) is `n`. */
const header = (n: number): number => 1 + (n <= 0xff ? 1 : n <= 0xffff ? 2 : 3);

/** An ID as the equipment sends it (U4). */
const U4_ITEM = header(4) + 4;

/** One report of an S6F11: L[2] <RPTID> L[n] <values>, given each value's encoded size. */
export function reportBytes(valueBytes: readonly number[]): number {
  let sum = header(2) + U4_ITEM + header(valueBytes.length);
  for (const b of valueBytes) sum += b;
  return sum;
}

/** An S6F11 body: L[3] <DATAID> <CEID> L[k] <reports>, given each report's `reportBytes`. */
export function eventBytes(reports: readonly number[]): number {
  let sum = header(3) + 2 * U4_ITEM + header(reports.length);
  for (const b of reports) sum += b;
  return sum;
}

/** STIME is counted at its longest form (TimeFormat may change after the trace is defined). */
const STIME_CHARS = 32;

/**
 * An S6F1 body: L[4] <TRID> <SMPLN> <STIME> L[repgsz * svids] <values>, given the TRID's encoded size
 * and each SVID's value size per sample.
 */
export function traceBytes(tridBytes: number, sampleBytes: readonly number[], repgsz: number): number {
  let sample = 0;
  for (const b of sampleBytes) sample += b;
  const values = repgsz * sampleBytes.length;
  return (
    header(4) + tridBytes + U4_ITEM + header(STIME_CHARS) + STIME_CHARS + header(values) + repgsz * sample
  );
}
