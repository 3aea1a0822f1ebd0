// JIS X 0201 (JIS-8) <-> Unicode, for J items. Unmapped bytes pass through as the same code point so
// decode/encode never loses a byte.

const BYTE_TO_CHAR: string[] = [];
for (let b = 0; b < 256; b++) {
  let cp = b;
  if (b === 0x5c) cp = 0xa5;
  else if (b === 0x7e) cp = 0x203e;
  else if (b >= 0xa1 && b <= 0xdf) cp = 0xff61 + (b - 0xa1);
  BYTE_TO_CHAR.push(String.fromCharCode(cp));
}

/** The byte for one UTF-16 code unit, or -1 when JIS-8 cannot represent it. */
function jisByteOf(code: number): number {
  if (code === 0xa5) return 0x5c;
  if (code === 0x203e) return 0x7e;
  if (code >= 0xff61 && code <= 0xff9f) return 0xa1 + (code - 0xff61);
  if (code === 0x5c || code === 0x7e) return -1; // these bytes mean ¥ and ‾ in JIS-8
  if (code >= 0xa1 && code <= 0xdf) return -1; // these bytes are katakana in JIS-8
  if (code <= 0xff) return code;
  return -1;
}

/** Decode JIS-8 bytes to a string. */
export function decodeJis8(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += BYTE_TO_CHAR[bytes[i]!]!;
  return s;
}

/** Index of the first character JIS-8 cannot represent, or -1. */
export function firstNonJis8(text: string): number {
  for (let i = 0; i < text.length; i++) if (jisByteOf(text.charCodeAt(i)) < 0) return i;
  return -1;
}

/** Encode a string to JIS-8 into `out` at `offset`; the caller has checked it with `firstNonJis8`. */
export function writeJis8(text: string, out: Uint8Array, offset: number): void {
  for (let i = 0; i < text.length; i++) out[offset + i] = jisByteOf(text.charCodeAt(i));
}
