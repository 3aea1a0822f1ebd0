// What an S9 from the equipment means for the host (E5 stream 9). S9F1/3/5/7/11 carry MHEAD, the
// header of a message the equipment discarded: when it is one of our requests, no reply will come and
// the request ends at once (matched by its system bytes) instead of waiting out T3. S9F9 carries SHEAD,
// the header of the equipment's own primary whose reply (ours) did not come within its T3: it ends
// nothing of ours, it says the equipment gave up on that transaction.

/** What an S9 says went wrong, by function. */
export type S9Reason =
  | 'unrecognized-device-id'
  | 'unrecognized-stream'
  | 'unrecognized-function'
  | 'illegal-data'
  | 'transaction-timeout'
  | 'data-too-long';

const REASONS: Readonly<Record<number, { reason: S9Reason; text: string }>> = {
  1: { reason: 'unrecognized-device-id', text: 'unrecognized device id' },
  3: { reason: 'unrecognized-stream', text: 'unrecognized stream' },
  5: { reason: 'unrecognized-function', text: 'unrecognized function' },
  7: { reason: 'illegal-data', text: 'illegal data' },
  9: { reason: 'transaction-timeout', text: 'transaction timeout: no reply within its T3' },
  11: { reason: 'data-too-long', text: 'data too long' },
};

/** The reason of S9F`fn`, undefined for a function that is not one of E5's header-carrying S9s. */
export function s9Reason(fn: number): { reason: S9Reason; text: string } | undefined {
  return REASONS[fn];
}

/** True when S9F`fn` means the equipment discarded the message its MHEAD names (not S9F9, not S9F13). */
export const s9Discards = (fn: number): boolean => fn !== 9 && REASONS[fn] !== undefined;

/** `SxFy` of a 10-byte HSMS header (the W bit left out). */
export function headerKey(header: Uint8Array): string {
  const v = new DataView(header.buffer, header.byteOffset, header.length);
  return `S${v.getUint8(2) & 0x7f}F${v.getUint8(3)}`;
}

/** The system bytes of a 10-byte HSMS header. */
export function headerSystemBytes(header: Uint8Array): number {
  return new DataView(header.buffer, header.byteOffset, header.length).getUint32(6);
}
