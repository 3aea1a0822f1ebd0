// End to end: `bondline fab up --demo 2` as a child process: two simulated bonders on loopback, the
// collector, the embedded store and the API; pairs arrive through the API while it runs; it stops on
// SIGTERM; the store it leaves holds every pair once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import { openSqliteStore } from '@bondline/fab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runBondline, startBondline } from './e2e.test-util.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-fab-up-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface PairsPage {
  items: { pair: { id: string; toolId: string }; yield?: number }[];
  nextCursor?: string;
}
interface ToolsPage {
  items: { tool: { id: string; organisationId: string }; status?: { link: string; control?: string } }[];
}

describe('bondline fab up --demo', () => {
  it('runs two simulated bonders into the store and serves them, then stops on SIGTERM', async () => {
    const data = join(dir, 'line');
    const up = startBondline('fab', [
      'up',
      '--demo',
      '2',
      // 600 times real time: a lot of two pairs in about two seconds.
      '--speed',
      '600',
      '--pairs',
      '2',
      '--port',
      '0',
      '--data-dir',
      data,
    ]);
    try {
      const url = (await up.printed(/^fab up: running at (http:\/\/127\.0\.0\.1:\d+);/m))[1];
      expect(up.out()).toMatch(/^tool DEMO-1 \(maker-a\) at 127\.0\.0\.1:\d+, simulated, immature profile$/m);
      expect(up.out()).toMatch(/^tool DEMO-2 \(maker-b\) at 127\.0\.0\.1:\d+, simulated, mature profile$/m);
      expect(up.out()).toContain(`store: SQLite ${join(data, 'fab.sqlite')}\n`);
      // Both tools' pairs arrive, with their yields.
      await until(async () => {
        const page = (await (await fetch(`${url}/api/pairs?limit=100`)).json()) as PairsPage;
        const tools = new Set(page.items.filter((p) => p.yield !== undefined).map((p) => p.pair.toolId));
        return tools.has('DEMO-1') && tools.has('DEMO-2');
      }, 'pairs with results from both demo bonders');
      // And the fab's own analysis of them (the analyser on the embedded feed), as yield per tool.
      await until(async () => {
        const y = (await (await fetch(`${url}/api/yield?by=tool`)).json()) as {
          groups: { key: string; figures: { pairsWithDies: number } }[];
        };
        return y.groups.filter((g) => g.figures.pairsWithDies > 0).length === 2;
      }, 'analyses of both demo bonders’ pairs');
      // --demo without an r2r block: the loop runs, and acts on the demo bonders' pairs.
      expect(up.out()).toMatch(/^r2r: on, ewma w 0\.5; contexts at \/api\/r2r$/m);
      await until(async () => {
        const r = (await (await fetch(`${url}/api/r2r`)).json()) as { items: { actions: number }[] };
        return r.items.some((c) => c.actions > 0);
      }, 'an audited R2R action on a demo pair');
      // Tickets from the tools' alarms, on by default (docs/fab.md §11.5).
      expect(up.out()).toMatch(/^tickets: on, from alarms of ALCD 1, 2, 4, 5; at \/api\/tickets/m);
      const tickets = await fetch(`${url}/api/tickets`);
      expect(tickets.status).toBe(200);
      // --demo without an spc block: every analysed pair is charted, per tool and parameter.
      expect(up.out()).toMatch(
        /^spc: on, 10 parameters per context, limits on the first 25 points; charts at \/api\/spc\/charts$/m,
      );
      await until(async () => {
        const c = (await (await fetch(`${url}/api/spc/charts?parameter=yield`)).json()) as {
          items: { toolId: string }[];
        };
        return new Set(c.items.map((x) => x.toolId)).size === 2;
      }, 'yield charts of both demo bonders');
      const tools = (await (await fetch(`${url}/api/tools`)).json()) as ToolsPage;
      expect(
        tools.items.map((t) => [t.tool.id, t.tool.organisationId, t.status?.link, t.status?.control]),
      ).toEqual([
        ['DEMO-1', 'maker-a', 'communicating', 'online-remote'],
        ['DEMO-2', 'maker-b', 'communicating', 'online-remote'],
      ]);
      expect(await up.stop('SIGTERM')).toBe(0);
      expect(up.out()).toContain('SIGTERM: stopping');
      expect(hasStackTrace(up.err())).toBe(false);
    } finally {
      await up.stop('SIGKILL');
    }
    // The data folder is kept: every pair in it once, each lot's pairs numbered from 1.
    const opened = await openSqliteStore({ path: join(data, 'fab.sqlite') });
    if (!opened.ok) throw new Error(opened.issues[0]?.message);
    const store = opened.value;
    try {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listPairs({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
        if (!page.ok) throw new Error(page.issues[0]?.message);
        ids.push(...page.value.items.map((p) => p.pair.id));
        cursor = page.value.nextCursor;
      } while (cursor !== undefined);
      expect(ids.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await store.close();
    }
  });

  it('refuses bad arguments and a bad configuration with exit 2, naming them', async () => {
    const cases: [string[], string][] = [
      [['up', '--demo', '0'], '--demo'],
      [['up', '--demo', '40'], '--demo'],
      [['up', '--speed', 'fast'], '--speed'],
      [['up', '--pairs', '26'], '--pairs'],
      [['up', '--store', 'fab.db'], "--store: 'fab.db' is not a store location"],
      [['up', '--bus', 'localhost:4222'], "--bus: 'localhost:4222' is not a NATS server"],
      [['up', '--config', 'no-such-fab.yaml'], '--config: '],
      [['collect'], '--config is required'],
      [
        ['collect', '--config', 'examples/fab/fab.yaml', '--store', 'sqlite:x', '--bus', 'nats://h:1'],
        'give one',
      ],
      [['store', '--store', 'sqlite:x'], 'which bus?'],
    ];
    for (const [args, message] of cases) {
      const r = await runBondline('fab', args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });

  it('collect refuses a store that is not migrated, saying how to migrate it', async () => {
    const r = await runBondline('fab', [
      'collect',
      '--config',
      'examples/fab/fab.yaml',
      '--store',
      `sqlite:${join(dir, 'empty.sqlite')}`,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bondline fab migrate');
  });
});
