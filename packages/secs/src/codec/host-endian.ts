// The wire is big-endian; typed arrays use the host's order. On a little-endian host (every machine
// Bondline targets) multi-byte values are byte-swapped in bulk with Buffer#swap16/32/64.

/** True on a little-endian host. */
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Swap `bytes` in place between host and big-endian order for elements of `size` bytes. */
export function swapToFromBigEndian(bytes: Uint8Array, size: number): void {
  if (!LITTLE_ENDIAN_HOST || size === 1 || bytes.length === 0) return;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (size === 2) b.swap16();
  else if (size === 4) b.swap32();
  else b.swap64();
}
