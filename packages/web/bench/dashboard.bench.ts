// The dashboard's speed in Debian's Chromium against a fab API on this machine (issue 14's targets):
// the Line's first load with 100 tools (target 1 s on localhost), and a die yield map of about 3,900
// dies drawn (target one frame, 16 ms). Local mode (no sign-in), SQLite in a temporary folder, the
// dashboard built from the sources. Times are taken in the page: from navigation start until all 100
// rows are in the table; the map's draw by the page's own `die-map-draw` measure.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FabRecord, openSqliteStore, startFabApi } from '@bondline/fab';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const TOOLS = 100;
const LOADS = 15;
const SIDE = 70;
const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

function records(): FabRecord[] {
  const out: FabRecord[] = [{ type: 'organisation', id: 'maker-a', name: 'Maker A', role: 'maker' }];
  for (let i = 1; i <= TOOLS; i++)
    out.push({ type: 'tool', id: `T-${i}`, name: `Bonder ${i}`, organisationId: 'maker-a' });
  const lotId = 'LOT-1';
  out.push(
    { type: 'lot', id: lotId, toolId: 'T-1', recipe: 'BOND-STD', plannedPairs: 25, startedMs: T0 },
    { type: 'carrier', id: 'C-T', capacity: 25, role: 'top' },
    { type: 'carrier', id: 'C-B', capacity: 25 },
    { type: 'substrate', id: 'S-T1', kind: 'top', lotId, carrierId: 'C-T', slot: 1 },
    { type: 'substrate', id: 'S-B1', kind: 'bottom', lotId, carrierId: 'C-B', slot: 1 },
    { type: 'substrate', id: 'S-S1', kind: 'stack', lotId, topId: 'S-T1', bottomId: 'S-B1' },
    {
      type: 'pair',
      id: 'P-1',
      toolId: 'T-1',
      lotId,
      slot: 1,
      recipe: 'BOND-STD',
      topId: 'S-T1',
      bottomId: 'S-B1',
      stackId: 'S-S1',
      startedMs: T0,
    },
  );
  // A round wafer on a 70 × 70 grid: 3,852 dies, causes mixed so every colour is drawn.
  const codes = new Uint8Array(SIDE * SIDE);
  const c = (SIDE - 1) / 2;
  for (let i = 0; i < codes.length; i++) {
    const r = Math.floor(i / SIDE);
    const k = i % SIDE;
    codes[i] = Math.hypot(r - c, k - c) > SIDE / 2 ? 255 : (r * 7 + k * 13) % 4;
  }
  out.push({
    type: 'pair-result',
    pairId: 'P-1',
    yield: 0.25,
    summary: {},
    dieYieldMap: { dims: [SIDE, SIDE], data: codes },
  });
  return out;
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

const dir = await mkdtemp(join(tmpdir(), 'bondline-web-bench-'));
const webRoot = join(dir, 'dist');
await build({
  configFile: new URL('../vite.config.ts', import.meta.url).pathname,
  build: { outDir: webRoot, emptyOutDir: true, sourcemap: false },
  logLevel: 'warn',
});
const opened = await openSqliteStore({ path: join(dir, 'fab.sqlite') });
if (!opened.ok) throw new Error(opened.issues[0]?.message);
const store = opened.value;
const migrated = await store.migrate();
if (!migrated.ok) throw new Error(migrated.issues[0]?.message);
const written = await store.writeBatch(records());
if (!written.ok) throw new Error(written.issues[0]?.message);
const api = await startFabApi({ store, port: 0, webRoot });
const profile = await mkdtemp(join(tmpdir(), 'bondline-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  viewport: { width: 1280, height: 800 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const lineMs: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.goto(`${api.url}/`);
    await page.waitForFunction((n) => document.querySelectorAll('tr[data-tool]').length === n, TOOLS);
    lineMs.push(await page.evaluate(() => performance.now()));
  }
  const drawMs: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.goto(`${api.url}/pairs/P-1`);
    await page.locator('[data-legend]').waitFor();
    drawMs.push(
      await page.evaluate(() => performance.getEntriesByName('die-map-draw')[0]?.duration ?? Number.NaN),
    );
  }
  const f = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
  console.log(
    `chromium: ${execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim()}`,
  );
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  console.log(`Line first load, ${TOOLS} tools, navigation to all rows (n = ${LOADS}): ${f(lineMs)}`);
  console.log(`die yield map, 3,852 dies, first draw (n = ${LOADS}): ${f(drawMs)}`);
} finally {
  await context.close();
  await api.close();
  await store.close();
  await rm(profile, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
}
