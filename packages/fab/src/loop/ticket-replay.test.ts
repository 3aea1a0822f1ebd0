// GET /api/tickets/{id}/replay gives a file `bondline tool run --replay` takes: the ticket of a
// Bondline bonder's alarm (BD-ALIGN-061, ALID 7061, docs/tool.md §1), on a store holding the shipped
// BOND-STD recipe (examples/tool/recipes/BOND-STD.yaml) and an R2R constant change, read back by the
// tool's own replay reader (`parseReplayText` of @bondline/tool, which checks the recipe body and the
// constants as the tool does). A ticket not opened from an alarm has none (404).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReplayText } from '@bondline/tool';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildFabApi } from '../api/fab-api.js';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { line, lot, T0 } from '../store/store-fixtures.test-util.js';
import { TicketService } from './ticket-service.js';
import { DEFAULT_TICKET_SETTINGS } from './ticket-settings.js';

const EXAMPLES = fileURLToPath(new URL('../../../../examples/tool/', import.meta.url));

let dir: string;
let store: FabStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bondline-ticket-replay-'));
  store = okValue(await openSqliteStore({ path: join(dir, 'fab.sqlite') }));
  okValue(await store.migrate());
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

it("serves an alarm ticket's conditions as a replay file the tool reads", async () => {
  const body = await readFile(join(EXAMPLES, 'recipes', 'BOND-STD.yaml'), 'utf8');
  const records = line(['B1']).map((r) => (r.type === 'recipe' ? { ...r, body } : r));
  okValue(
    await store.writeBatch([
      ...records,
      lot('L1', 'B1'),
      {
        type: 'ec-change',
        toolId: 'B1',
        ecid: 2001,
        name: 'R2R_TX_NM',
        oldValue: 0,
        newValue: 12.5,
        source: 'host',
        equipmentTimeMs: T0 + 1000,
        receivedTimeMs: T0 + 1000,
      },
    ]),
  );
  const service = new TicketService({ store, settings: DEFAULT_TICKET_SETTINGS });
  const alarm = {
    type: 'alarm',
    toolId: 'B1',
    alid: 7061,
    state: 'set',
    category: 4,
    text: 'BD-ALIGN-061 Registration failed on every attempt',
    equipmentTimeMs: T0 + 5000,
    receivedTimeMs: T0 + 5000,
  } as const;
  const opened = okValue(await service.fromAlarm(alarm));
  const report = okValue(
    await service.report(
      { toolId: 'B1', title: 'voids', text: 'see scans' },
      { id: 'e', role: 'fab-engineer' },
    ),
  );
  const app = await buildFabApi({
    store,
    checkResponses: true,
    tickets: { service, settings: DEFAULT_TICKET_SETTINGS },
  });
  try {
    const r = await app.inject({ method: 'GET', url: `/api/tickets/${opened.ticket.id}/replay` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toBe('attachment; filename="T-000001.replay.json"');
    const replay = parseReplayText(r.body, {
      source: 'T-000001.replay.json',
      dir: join(EXAMPLES, 'replay'),
    });
    if (!replay.ok) throw new Error(replay.issues.map((i) => i.message).join('; '));
    expect(replay.value.source).toMatchObject({
      ticket: 'T-000001',
      tool: 'B1',
      module: 'BD1',
      faultId: 'BD-ALIGN-061',
      alarm: { alid: 7061 },
    });
    expect(replay.value.recipe?.name).toBe('BOND-STD');
    expect(replay.value.recipe?.body).toBeDefined();
    expect(replay.value.constants).toEqual({ R2R_TX_NM: 12.5 });
    expect([...replay.value.faults.keys()]).toEqual(['BD-ALIGN-061']);
    const none = await app.inject({ method: 'GET', url: `/api/tickets/${report.id}/replay` });
    expect([none.statusCode, (none.json() as { code: string }).code]).toEqual([404, 'no-replay']);
    expect((await app.inject({ method: 'GET', url: '/api/tickets/T-000099/replay' })).statusCode).toBe(404);
  } finally {
    await app.close();
  }
});
