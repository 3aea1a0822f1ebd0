// SECS-II codec and SML speed: a 1 MiB U4 array and a body of 10,000 small items; a number of a million
// digits.
// Prints the figures quoted in packages/secs/README.md (## SECS-II codec and SML).
import {
  A,
  BOOLEAN,
  decodeItem,
  encodeItem,
  F4,
  type Item,
  L,
  parseSmlItem,
  printSmlItem,
  U4,
} from '../src/index.js';

/** Best-of-rounds seconds per call of `f` (best, because other jobs share the 2 cores). */
function time(f: () => unknown, callsPerRound: number, rounds = 7): number {
  for (let i = 0; i < callsPerRound; i++) f(); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < callsPerRound; i++) f();
    best = Math.min(best, (performance.now() - t0) / 1000 / callsPerRound);
  }
  return best;
}

const MB = 1e6;
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));

function row(name: string, seconds: number, bytes: number, items: number): void {
  const mbs = bytes / MB / seconds;
  const ips = items / seconds;
  console.log(
    `${name.padEnd(34)} ${fmt(seconds * 1e3).padStart(7)} ms  ${fmt(mbs).padStart(7)} MB/s  ${fmt(ips / 1e6).padStart(6)} M items/s`,
  );
}

// 1 MiB of U4 values: 262,144 numbers in one item.
const n = (1024 * 1024) / 4;
const big = U4(Uint32Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 0));
const bigBytes = encodeItem(big);
const bigDecoded = decodeItem(bigBytes);
if (!bigDecoded.ok || bigDecoded.value.format !== 'U4' || bigDecoded.value.value[12345] !== big.value[12345])
  throw new Error('1 MiB U4 round trip failed');

// 10,000 small items in one list: U4, short A, F4, BOOLEAN in turn (a status-variable report shape).
const small: Item[] = [];
for (let i = 0; i < 10_000; i++) {
  const k = i % 4;
  small.push(k === 0 ? U4(i) : k === 1 ? A(`SV${i}`) : k === 2 ? F4(i / 7) : BOOLEAN(i % 3 === 0));
}
const report = L(...small);
const reportBytes = encodeItem(report);
const reportItems = small.length + 1;
const reportSml = printSmlItem(report, { compact: true });

console.log(`node ${process.version}, ${process.arch}; best of 7 rounds`);
row(
  'encode 1 MiB U4 array',
  time(() => encodeItem(big), 50),
  bigBytes.length,
  n,
);
row(
  'decode 1 MiB U4 array',
  time(() => decodeItem(bigBytes), 50),
  bigBytes.length,
  n,
);
row(
  'encode 10,000 small items',
  time(() => encodeItem(report), 50),
  reportBytes.length,
  reportItems,
);
row(
  'decode 10,000 small items',
  time(() => decodeItem(reportBytes), 50),
  reportBytes.length,
  reportItems,
);
row(
  'SML print 10,000 small items',
  time(() => printSmlItem(report, { compact: true }), 10),
  reportSml.length,
  reportItems,
);
row(
  'SML parse 10,000 small items',
  time(() => parseSmlItem(reportSml), 10),
  reportSml.length,
  reportItems,
);
console.log(
  `(body sizes: ${bigBytes.length} B and ${reportBytes.length} B; SML text ${reportSml.length} chars)`,
);

// A number of a million digits is refused as out of range, for an integer and a float format.
const digits = '9'.repeat(1_000_000);
for (const format of ['U8', 'F8']) {
  const sml = `<${format} ${digits}>`;
  if (parseSmlItem(sml).ok) throw new Error(`${format}: a million digits were read`);
  console.log(
    `SML refuse <${format}> of 1,000,000 digits: ${fmt(time(() => parseSmlItem(sml), 1, 3) * 1e3)} ms`,
  );
}
