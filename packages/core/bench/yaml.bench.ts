// Configuration text at the limits: the nesting pre-scan stops at the first bracket beyond the limit
// (a megabyte of brackets costs what a kilobyte does), and duplicate keys are found in linear time
// (the yaml library's own check took 68 s on 50 000 keys). Prints the figures quoted in
// packages/core/README.md (## Benchmarks); the tests check the results, not the time.

import { yamlNestingBeyond } from '../src/yaml-depth.js';
import { parseYamlText } from '../src/yaml-text.js';

/** Best of `rounds` calls of `f`, wall ms, after one warm-up call (best: other jobs share the 2 cores). */
function bestMs(f: () => unknown, rounds: number): number {
  f();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const kb = '['.repeat(1_000);
const mb = '['.repeat(1_000_000);
console.log(
  `yamlNestingBeyond(limit 64): 1 kB of '[' ${bestMs(() => yamlNestingBeyond(kb, 64), 50).toFixed(3)} ms, ` +
    `1 MB ${bestMs(() => yamlNestingBeyond(mb, 64), 50).toFixed(3)} ms (best of 50)`,
);
for (const n of [25_000, 50_000]) {
  const text = `${Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n')}\nk7: again\n`;
  const r = parseYamlText(text, { source: 'big.yaml' });
  if (r.ok || r.issues.length !== 1) throw new Error('the duplicate was not found');
  const ms = bestMs(() => parseYamlText(text, { source: 'big.yaml' }), 3);
  console.log(`parseYamlText, ${n} keys and one duplicate: ${ms.toFixed(0)} ms (best of 3)`);
}
