// Runs every `*.bench.ts` in the current package's bench/ folder, in name
// order (`npm run bench -w <pkg> -- <filter>` keeps the names containing the
// filter). Each bench module measures when imported and prints the figures
// that the package README quotes.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.cwd(), 'bench');
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only === undefined || f.includes(only))
  .sort();
if (files.length === 0) {
  console.error(`no *.bench.ts in ${dir}${only === undefined ? '' : ` matching '${only}'`}`);
  process.exitCode = 2;
}
for (const f of files) {
  console.log(`\n## ${f}`);
  await import(pathToFileURL(join(dir, f)).href);
}
