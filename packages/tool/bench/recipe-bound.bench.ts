// The throughput bound of every shipped recipe on the default tool (docs/tool.md §2, "Bound"): busy
// seconds per bonded pair of every resource, the bottleneck and the bound in pairs per hour. The
// figures are computed, not measured; the scheduler's benchmark compares its throughput with them.
// Also: what validating a recipe costs (every S7F3 download and every store put pays it once).
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { defaultToolConfigPath } from '../src/config/default-config-path.js';
import { loadToolConfig } from '../src/config/tool-config.js';
import { MODULE_KINDS } from '../src/module-kind.js';
import { parseRecipe } from '../src/recipe/recipe-schema.js';
import { throughputBound } from '../src/schedule/bound.js';

const path = await defaultToolConfigPath();
if (!path.ok) throw new Error(path.issues.map((i) => i.message).join('\n'));
const config = await loadToolConfig(path.value);
if (!config.ok) throw new Error(config.issues.map((i) => i.message).join('\n'));
const { recipeSeeds, modules } = config.value;

const rows: string[] = [
  `| recipe | ${MODULE_KINDS.join(' | ')} | bottleneck | period s | bound pairs/h |`,
  `|---|${MODULE_KINDS.map(() => '---:').join('|')}|---|---:|---:|`,
];
for (const file of (await readdir(recipeSeeds)).filter((f) => f.endsWith('.yaml')).sort()) {
  const recipe = parseRecipe(await readFile(join(recipeSeeds, file), 'utf8'), file);
  if (!recipe.ok) throw new Error(recipe.issues.map((i) => i.message).join('\n'));
  const b = throughputBound(recipe.value.params, modules);
  const busy = b.resources.map((r) => (r.resource === b.bottleneck ? `**${r.busyS}**` : String(r.busyS)));
  rows.push(
    `| ${recipe.value.name} | ${busy.join(' | ')} | ${b.bottleneck} | ${b.periodS} | ${b.pairsPerHour.toFixed(2)} |`,
  );
}
console.log(
  `busy s per bonded pair on ${relative(process.cwd(), path.value)} (${modules.map((m) => m.id).join(' ')}):`,
);
console.log(rows.join('\n'));

// Validation cost: parse + validate of BOND-STD, median of 5 rounds of 1000.
const text = await readFile(join(recipeSeeds, 'BOND-STD.yaml'), 'utf8');
for (let i = 0; i < 200; i++) parseRecipe(text, 'BOND-STD.yaml'); // warm-up (JIT)
const rounds: number[] = [];
for (let k = 0; k < 5; k++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 1000; i++) parseRecipe(text, 'BOND-STD.yaml');
  rounds.push(Number(process.hrtime.bigint() - t0) / 1e3 / 1000);
}
rounds.sort((a, b) => a - b);
console.log(`parseRecipe(BOND-STD): ${rounds[2]?.toFixed(1)} µs per recipe (median of 5 x 1000)`);
