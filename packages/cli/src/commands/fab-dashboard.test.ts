// `fab up` and `fab serve` serve the dashboard's build (@bondline/web's dist/, made by `npm run build`,
// which `npm test` runs first) at / and print where.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '@bondline/fab';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFabApiWithDashboard } from './fab-dashboard.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the dashboard of fab up and fab serve', () => {
  it('serves the built dashboard at / beside the API and prints its address', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bondline-dashboard-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const opened = await openSqliteStore({ path: join(dir, 'fab.sqlite') });
    if (!opened.ok) throw new Error(opened.issues[0]?.message);
    const store = opened.value;
    cleanups.push(() => store.close());
    const migrated = await store.migrate();
    expect(migrated.ok).toBe(true);
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    const api = await startFabApiWithDashboard({ store, port: 0 });
    cleanups.push(() => api.close());
    expect(printed.join(''), 'the dashboard is built by npm run build').toBe(`dashboard: ${api.url}/\n`);
    const page = await fetch(`${api.url}/pairs/L1-P1`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Bondline</title>');
    expect((await fetch(`${api.url}/api/health`)).status).toBe(200);
  });
});
