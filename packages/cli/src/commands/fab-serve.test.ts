// End to end: `bondline fab serve` as a child process over a migrated SQLite store.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runBondline, startBondline } from './e2e.test-util.js';

let dir = '';
let store = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-fab-serve-'));
  store = `sqlite:${join(dir, 'fab.sqlite')}`;
  const migrated = await runBondline('fab', ['migrate', '--store', store]);
  expect(migrated.code).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bondline fab serve', () => {
  it('serves the API on the port it prints, answers health and the OpenAPI document, stops on SIGTERM', async () => {
    const serve = startBondline('fab', ['serve', '--store', store, '--port', '0']);
    try {
      const m = await serve.printed(/^api: (http:\/\/127\.0\.0\.1:\d+)\/api /m);
      const url = m[1];
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(doc.paths)).toContain('/api/pairs/{id}');
      const tools = (await (await fetch(`${url}/api/tools`)).json()) as { items: unknown[] };
      expect(tools.items).toEqual([]);
      expect(await serve.stop('SIGTERM')).toBe(0);
      expect(serve.out()).toContain('SIGTERM: stopping');
    } finally {
      await serve.stop('SIGKILL');
    }
  });

  it('a port already taken is exit 2 naming the port, without a stack trace', async () => {
    const first = startBondline('fab', ['serve', '--store', store, '--port', '0']);
    try {
      const port = (await first.printed(/^api: http:\/\/127\.0\.0\.1:(\d+)\//m))[1] ?? '';
      const second = await runBondline('fab', ['serve', '--store', store, '--port', port]);
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`port ${port} on 127.0.0.1 is taken (--port)`);
      expect(hasStackTrace(second.stderr)).toBe(false);
    } finally {
      await first.stop('SIGKILL');
    }
  });

  it('a SQLite file that does not exist is exit 2 naming it, and is not created', async () => {
    for (const part of [['serve'], ['report', '--lot', 'L1']]) {
      const missing = join(dir, `none-${part[0]}.sqlite`);
      const r = await runBondline('fab', [...part, '--store', `sqlite:${missing}`]);
      expect(r.code, part[0]).toBe(2);
      expect(r.stderr).toContain(`--store ${missing}: no such file (bondline fab migrate`);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
    expect((await readdir(dir)).filter((f) => f.startsWith('none-'))).toEqual([]);
  });
});
