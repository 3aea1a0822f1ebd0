// Ticket queries at scale (issue 13: 100,000 tickets across 10 makers, p99 ≤ 50 ms on SQLite and
// PostgreSQL): each store filled with BENCH_TICKETS tickets (default 100,000) on 50 tools of 10
// makers, one in ten acknowledged; then the queries the ticket list and page make, each 200 times
// on a random maker or tool: a maker's first page, a maker's acknowledged tickets, a tool's newest
// page, the fifth page of a maker's list (by cursor), one ticket by id. Quoted in packages/fab/README.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyTicketAction } from '../src/loop/ticket-workflow.js';
import { okValue } from '../src/store/contract/result-helpers.test-util.js';
import type { FabStore } from '../src/store/fab-store.js';
import { createTestDatabase } from '../src/store/postgres/postgres-test-db.test-util.js';
import type { FabRecord } from '../src/store/records.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { T0 } from '../src/store/store-fixtures.test-util.js';
import { ticketId } from '../src/store/ticket-records.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const MAKERS = 10;
const TOOLS = 50;
const RUNS = 200;
const MAKER = { id: 'mk', role: 'maker-engineer' } as const;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Deterministic 0..n-1 (a linear congruential sequence; no seed to manage). */
let state = 12345;
const pick = (n: number): number => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state % n;
};

async function fill(store: FabStore): Promise<number> {
  const records: FabRecord[] = [];
  for (let m = 0; m < MAKERS; m++)
    records.push({ type: 'organisation', id: `maker-${m}`, name: `Maker ${m}`, role: 'maker' });
  for (let t = 0; t < TOOLS; t++)
    records.push({ type: 'tool', id: `T${t}`, name: `Bonder ${t}`, organisationId: `maker-${t % MAKERS}` });
  okValue(await store.writeBatch(records));
  const started = performance.now();
  const CONCURRENT = 16;
  for (let i = 0; i < TICKETS; i += CONCURRENT) {
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENT, TICKETS - i) }, async (_, k) => {
        const n = i + k;
        const t = okValue(
          await store.createTicket({
            toolId: `T${n % TOOLS}`,
            faultKey: `alarm:${7000 + (n % 200)}`,
            source: n % 5 === 0 ? 'spc' : 'alarm',
            title: `fault ${n % 200}`,
            reportedMs: T0 + n * 1000,
            data: { alid: 7000 + (n % 200), trace: [{ t: n, v: 1.5 }] },
            actor: { id: 'system', role: 'system' },
          }),
        );
        if (n % 10 === 0) {
          const a = applyTicketAction(t, { kind: 'acknowledge' }, MAKER, t.reportedMs + 60_000);
          if (!a.ok) throw new Error(a.issues[0]?.message);
          okValue(await store.changeTicket(t.id, t.version, a.value.ticket, a.value.change));
        }
      }),
    );
  }
  return (performance.now() - started) / 1000;
}

async function measure(name: string, store: FabStore): Promise<void> {
  const s = await fill(store);
  const times: Record<string, number[]> = { first: [], acknowledged: [], tool: [], fifth: [], one: [] };
  const time = async (k: string, work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    times[k]?.push(performance.now() - t0);
  };
  for (let i = 0; i < RUNS; i++) {
    const makerId = `maker-${pick(MAKERS)}`;
    await time('first', async () => okValue(await store.listTickets({ makerId, limit: 100 })));
    await time('acknowledged', async () =>
      okValue(await store.listTickets({ makerId, state: 'acknowledged', limit: 100 })),
    );
    await time('tool', async () =>
      okValue(await store.listTickets({ toolId: `T${pick(TOOLS)}`, order: 'desc', limit: 100 })),
    );
    let cursor: string | undefined;
    for (let p = 0; p < 4; p++)
      cursor = okValue(
        await store.listTickets({ makerId, limit: 100, ...(cursor === undefined ? {} : { cursor }) }),
      ).nextCursor;
    await time('fifth', async () =>
      okValue(await store.listTickets({ makerId, limit: 100, ...(cursor === undefined ? {} : { cursor }) })),
    );
    await time('one', async () => okValue(await store.getTicket(ticketId(1 + pick(TICKETS)))));
  }
  console.log(
    `${name}: ${TICKETS} tickets written in ${s.toFixed(1)} s (${(TICKETS / s).toFixed(0)}/s, 16 at a time)`,
  );
  for (const [k, v] of Object.entries(times)) {
    const x = v.sort((a, b) => a - b);
    console.log(
      `  ${k.padEnd(13)} p50 ${quantile(x, 0.5).toFixed(2)} ms, p99 ${quantile(x, 0.99).toFixed(2)} ms`,
    );
  }
}

console.log(
  `load average before: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}; ${TICKETS} tickets, ${MAKERS} makers, ${TOOLS} tools, ${RUNS} runs of each query`,
);
const dir = await mkdtemp(join(tmpdir(), 'bondline-ticket-queries-'));
const sqlite = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite'), synchronous: 'normal' }));
okValue(await sqlite.migrate());
await measure('SQLite (synchronous NORMAL)', sqlite);
await sqlite.close();
await rm(dir, { recursive: true, force: true });

const db = await createTestDatabase();
const h = await db.harness(4);
try {
  const pgStore = await h.open();
  okValue(await pgStore.migrate());
  await measure('PostgreSQL', pgStore);
} finally {
  await h.cleanup();
  await db.drop();
}
console.log(
  `load average after: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
