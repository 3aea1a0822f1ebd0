// An independent SECS-II writer for tests: plain number arrays and DataView, written from the E5 table in
// docs/secs.md §2, sharing no code with the encoder under test.

/** Format codes as docs/secs.md §2.2 writes them (octal). */
const OCTAL: Record<string, number> = {
  L: 0o00,
  B: 0o10,
  BOOLEAN: 0o11,
  A: 0o20,
  J: 0o21,
  I8: 0o30,
  I1: 0o31,
  I2: 0o32,
  I4: 0o34,
  F8: 0o40,
  F4: 0o44,
  U8: 0o50,
  U1: 0o51,
  U2: 0o52,
  U4: 0o54,
};

/** Item header: format byte with the minimal count of length bytes, then the length big-endian. */
export function header(format: string, length: number): number[] {
  const n = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
  const out = [(OCTAL[format]! << 2) | n];
  for (let i = n - 1; i >= 0; i--) out.push(Math.floor(length / 256 ** i) % 256);
  return out;
}

/** A numeric item's bytes, each value written big-endian with DataView. */
export function numeric(format: string, values: readonly (number | bigint)[]): number[] {
  const size = { I1: 1, U1: 1, I2: 2, U2: 2, I4: 4, U4: 4, F4: 4, I8: 8, U8: 8, F8: 8 }[format]!;
  const dv = new DataView(new ArrayBuffer(size * values.length));
  values.forEach((v, i) => {
    const o = i * size;
    if (format === 'I1') dv.setInt8(o, Number(v));
    else if (format === 'U1') dv.setUint8(o, Number(v));
    else if (format === 'I2') dv.setInt16(o, Number(v), false);
    else if (format === 'U2') dv.setUint16(o, Number(v), false);
    else if (format === 'I4') dv.setInt32(o, Number(v), false);
    else if (format === 'U4') dv.setUint32(o, Number(v), false);
    else if (format === 'F4') dv.setFloat32(o, Number(v), false);
    else if (format === 'F8') dv.setFloat64(o, Number(v), false);
    else if (format === 'I8') dv.setBigInt64(o, BigInt(v), false);
    else dv.setBigUint64(o, BigInt(v), false);
  });
  return [...header(format, size * values.length), ...new Uint8Array(dv.buffer)];
}

/** A list header followed by its members' bytes. */
export function list(...members: number[][]): number[] {
  return [...header('L', members.length), ...members.flat()];
}

/** Bytes from a hex string with optional spaces. */
export function hex(text: string): Uint8Array {
  return Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}
