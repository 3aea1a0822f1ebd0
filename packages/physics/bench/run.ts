// Runs every `*.bench.ts` in this folder, in name order. Each bench module
// runs its measurements when imported and prints the figures the README quotes.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only === undefined || f.includes(only))
  .sort();
for (const f of files) {
  console.log(`\n## ${f}`);
  await import(pathToFileURL(join(here, f)).href);
}
