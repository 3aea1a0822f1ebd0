// The story run (issue 13, "Tests: the story run"; docs/fab.md §11.9): `bondline fab up --demo 2
// --story --seed 1` as a child process, the real command. Both bonders start immature; the fab opens
// tickets, the scripted maker ships releases the tools take, the fab verifies and closes. Once each
// bonder has bonded 8 lots (about 16 tool hours: a working day and a night) it is stopped; the store
// it leaves has a first lot of each bonder at most 20% and a last whole lot at least 85%, and every
// ticket is closed or listed in the summary with why it is not.
//
// Wall time: about a minute on an idle 2-core machine at 1000 times real time; the deadline allows
// five on a loaded one (the story clock follows the slowest tool, so a slow machine only takes longer).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@bondline/core/testing';
import { openSqliteStore } from '@bondline/fab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runBondline, startBondline } from './e2e.test-util.js';

const LOTS_PER_TOOL = 8;
const STORY_DEADLINE_MS = 300_000;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-story-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Curve {
  points: { lotId: string; toolId: string; figures: { pairs: number; yield: number | null } }[];
}

describe('bondline fab up --demo 2 --story', () => {
  it(
    'climbs from at most 20% to at least 85% yield, every ticket closed or explained',
    async () => {
      const data = join(dir, 'story');
      const up = startBondline('fab', [
        'up',
        '--demo',
        '2',
        '--story',
        '--seed',
        '1',
        '--speed',
        '1000',
        '--port',
        '0',
        '--data-dir',
        data,
      ]);
      let lots = new Map<string, number>();
      try {
        const url = (await up.printed(/^fab up: running at (http:\/\/127\.0\.0\.1:\d+);/m))[1];
        expect(up.out()).toMatch(
          /^tool DEMO-1 \(maker-a\) at 127\.0\.0\.1:\d+, simulated, immature profile$/m,
        );
        expect(up.out()).toMatch(
          /^tool DEMO-2 \(maker-b\) at 127\.0\.0\.1:\d+, simulated, immature profile$/m,
        );
        expect(up.out()).toMatch(/^r2r: off/m);
        // Both sides of the loop sign in with the accounts the story made; the API wants them.
        expect((await fetch(`${url}/api/yield/curve`)).status).toBe(401);
        const cookie = async (user: string): Promise<string> => {
          const password = new RegExp(`^sign in: ${user} / (\\S+) \\(`, 'm').exec(up.out())?.[1] ?? '';
          const r = await fetch(`${url}/api/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ user, password }),
          });
          expect(r.status, `${user} signs in`).toBe(200);
          return (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        };
        const fab = { headers: { cookie: await cookie('fab-engineer') } };
        const makerA = { headers: { cookie: await cookie('maker-a-engineer') } };
        await until(
          async () => {
            const c = (await (await fetch(`${url}/api/yield/curve`, fab)).json()) as Curve;
            lots = new Map();
            for (const p of c.points) lots.set(p.toolId, (lots.get(p.toolId) ?? 0) + 1);
            return (lots.get('DEMO-1') ?? 0) >= LOTS_PER_TOOL && (lots.get('DEMO-2') ?? 0) >= LOTS_PER_TOOL;
          },
          `${LOTS_PER_TOOL} lots on each demo bonder`,
          { timeoutMs: STORY_DEADLINE_MS, intervalMs: 1000, detail: () => JSON.stringify([...lots]) },
        );
        // Maker A's engineer sees its own bonder only.
        const tools = (await (await fetch(`${url}/api/tools`, makerA)).json()) as {
          items: { tool: { id: string } }[];
        };
        expect(tools.items.map((t) => t.tool.id)).toEqual(['DEMO-1']);
        expect((await fetch(`${url}/api/tools/DEMO-2`, makerA)).status).toBe(404);
        expect(await up.stop('SIGTERM')).toBe(0);
        expect(hasStackTrace(up.err())).toBe(false);
      } finally {
        await up.stop('SIGKILL');
      }
      const out = up.out();
      expect(out).toMatch(/^story: DEMO-1: \d+ lots, yield of the first [\d.]+%/m);
      expect(out).toMatch(/^story: median response [\d.]+ working hours \(target under 4\)/m);

      const opened = await openSqliteStore({ path: join(data, 'fab.sqlite') });
      if (!opened.ok) throw new Error(opened.issues[0]?.message);
      const store = opened.value;
      try {
        for (const toolId of ['DEMO-1', 'DEMO-2']) {
          const curve = await store.yieldCurve({ toolId, limit: 1000 });
          if (!curve.ok) throw new Error(curve.issues[0]?.message);
          const whole = curve.value.points.filter((p) => p.figures.pairs === 25);
          const first = curve.value.points[0]?.figures.yield;
          const last = whole.at(-1)?.figures.yield;
          // Issue 13: the first lots at most 20% (the immature tool, packages/tool/README.md
          // "Maturity": 9.7% for seed 1), the last at least 85%.
          expect(first, `${toolId} first lot`).toBeLessThanOrEqual(0.2);
          expect(last, `${toolId} last whole lot`).toBeGreaterThanOrEqual(0.85);
        }
        // Every ticket closed, or named in the summary with its state and why.
        const tickets = await store.listTickets({ limit: 1000 });
        if (!tickets.ok) throw new Error(tickets.issues[0]?.message);
        expect(tickets.value.items.length).toBeGreaterThan(0);
        expect(tickets.value.items.some((t) => t.state === 'closed')).toBe(true);
        for (const t of tickets.value.items) {
          if (t.state === 'closed') continue;
          expect(out, `${t.id} (${t.state})`).toMatch(new RegExp(`^story: ${t.id} ${t.state}: \\S.+$`, 'm'));
        }
      } finally {
        await store.close();
      }
    },
    STORY_DEADLINE_MS + 60_000,
  );

  it('refuses --story without --demo (exit 2, naming it)', async () => {
    const r = await runBondline('fab', ['up', '--story']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--story needs --demo');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
