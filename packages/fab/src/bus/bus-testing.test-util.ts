// What the bus tests share: a SQLite store in a temporary folder, a store whose writeBatch a test
// controls, a JetStream bus on names of its own (a random stream, subjects, bucket; deleted at the end)
// and counts of what a store holds. NATS must answer at 127.0.0.1:4222 (or BONDLINE_TEST_NATS): the
// tests fail, never skip, when it does not.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import type { FabStore } from '../store/fab-store.js';
import type { FabRecord } from '../store/records.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { type JetStreamBus, type JetStreamBusOptions, openJetStreamBus } from './jetstream-bus.js';

export const TEST_NATS = process.env.BONDLINE_TEST_NATS ?? '127.0.0.1:4222';

/** A migrated SQLite store in a fresh folder, and its cleanup. */
export async function tempSqliteStore(): Promise<{
  store: FabStore;
  path: string;
  cleanup(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'bondline-fab-bus-'));
  const path = join(dir, 'fab.sqlite');
  const store = okValue(await openSqliteStore({ path }));
  okValue(await store.migrate());
  return {
    store,
    path,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `store` with its writeBatch replaced (the other methods are the store's). */
export function withWriteBatch(store: FabStore, writeBatch: FabStore['writeBatch']): FabStore {
  return {
    kind: store.kind,
    migrate: () => store.migrate(),
    writeBatch,
    createUser: (u) => store.createUser(u),
    getUser: (id) => store.getUser(id),
    userCredentials: (id) => store.userCredentials(id),
    listUsers: (q) => store.listUsers(q),
    countUsers: () => store.countUsers(),
    setUserPassword: (id, h) => store.setUserPassword(id, h),
    disableUser: (id, at) => store.disableUser(id, at),
    createApiToken: (t) => store.createApiToken(t),
    getApiToken: (id) => store.getApiToken(id),
    listApiTokens: (q) => store.listApiTokens(q),
    revokeApiToken: (id, at) => store.revokeApiToken(id, at),
    activeApiToken: (id, now) => store.activeApiToken(id, now),
    createSession: (s) => store.createSession(s),
    activeSession: (h, now) => store.activeSession(h, now),
    deleteSession: (h) => store.deleteSession(h),
    appendAudit: (l) => store.appendAudit(l),
    listAudit: (q) => store.listAudit(q),
    listTools: (q) => store.listTools(q),
    getTool: (id) => store.getTool(id),
    listLots: (q) => store.listLots(q),
    getLot: (id) => store.getLot(id),
    listPairs: (q) => store.listPairs(q),
    getPair: (id) => store.getPair(id),
    listEvents: (q) => store.listEvents(q),
    listAlarms: (q) => store.listAlarms(q),
    alarmCounts: (t) => store.alarmCounts(t),
    saveDeadLetter: (l) => store.saveDeadLetter(l),
    getDeadLetter: (id) => store.getDeadLetter(id),
    listDeadLetters: (q) => store.listDeadLetters(q),
    markDeadLetterRetried: (id, at) => store.markDeadLetterRetried(id, at),
    listTrace: (q) => store.listTrace(q),
    listEcChanges: (q) => store.listEcChanges(q),
    writePairAnalyses: (a) => store.writePairAnalyses(a),
    getPairAnalysis: (id) => store.getPairAnalysis(id),
    pairsToAnalyse: (q) => store.pairsToAnalyse(q),
    yieldSummary: (q) => store.yieldSummary(q),
    yieldPareto: (q) => store.yieldPareto(q),
    yieldCurve: (q) => store.yieldCurve(q),
    listR2rActions: (q) => store.listR2rActions(q),
    createTicket: (t) => store.createTicket(t),
    getTicket: (id) => store.getTicket(id),
    listTickets: (q) => store.listTickets(q),
    currentTicket: (tool, key) => store.currentTicket(tool, key),
    changeTicket: (id, v, next, change) => store.changeTicket(id, v, next, change),
    ticketHistory: (id) => store.ticketHistory(id),
    addTicketAttachment: (a) => store.addTicketAttachment(a),
    listTicketAttachments: (id) => store.listTicketAttachments(id),
    getTicketAttachment: (id, n) => store.getTicketAttachment(id, n),
    listFdcModels: (q) => store.listFdcModels(q),
    getFdcModel: (recipe, version) => store.getFdcModel(recipe, version),
    getFdcCheck: (id) => store.getFdcCheck(id),
    listFdcFaults: (q) => store.listFdcFaults(q),
    saveSpcChart: (c) => store.saveSpcChart(c),
    getSpcChart: (id) => store.getSpcChart(id),
    listSpcCharts: (q) => store.listSpcCharts(q),
    appendSpcPoints: (p) => store.appendSpcPoints(p),
    listSpcPoints: (q) => store.listSpcPoints(q),
    listSpcViolations: (q) => store.listSpcViolations(q),
    getSpcViolation: (seq) => store.getSpcViolation(seq),
    close: () => store.close(),
  };
}

/** The names of one test's stream, subjects and bucket: random, so tests never meet. */
export function testBusNames(): Required<
  Pick<JetStreamBusOptions, 'stream' | 'subjectPrefix' | 'committedSubject' | 'statusBucket'>
> {
  const id = randomBytes(5).toString('hex');
  return {
    stream: `TEST_RECORDS_${id}`,
    subjectPrefix: `test_${id}.records`,
    committedSubject: `test_${id}.committed`,
    statusBucket: `test_status_${id}`,
  };
}

/** Open a bus on `names`; throws, naming the server, when NATS cannot be reached. */
export async function openTestBus(names: ReturnType<typeof testBusNames>): Promise<JetStreamBus> {
  const r = await openJetStreamBus({ servers: TEST_NATS, connectTimeoutMs: 5000, ...names });
  if (!r.ok) {
    throw new Error(
      `NATS JetStream is not reachable at ${TEST_NATS}: ${r.issues[0]?.message}. The bus tests need it: ` +
        'start it (.ci/run does: nats-server -js on 127.0.0.1:4222).',
    );
  }
  return r.value;
}

/** Delete a test's stream and its KV bucket (the stream KV_<bucket>), whatever is left of them. */
export async function deleteTestBus(names: ReturnType<typeof testBusNames>): Promise<void> {
  const nc = await connect({ servers: TEST_NATS });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(names.stream).catch(() => undefined);
    await jsm.streams.delete(`KV_${names.statusBucket}`).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

/** How many rows of each fact a store holds (paging through every list). */
export async function countFacts(
  store: FabStore,
): Promise<{ events: number; alarms: number; pairs: number }> {
  const count = async (
    list: (cursor?: string) => Promise<{ items: readonly unknown[]; nextCursor?: string }>,
  ) => {
    let n = 0;
    let cursor: string | undefined;
    do {
      const page = await list(cursor);
      n += page.items.length;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return n;
  };
  const q = (cursor?: string) => (cursor === undefined ? { limit: 1000 } : { limit: 1000, cursor });
  return {
    events: await count(async (c) => okValue(await store.listEvents(q(c)))),
    alarms: await count(async (c) => okValue(await store.listAlarms(q(c)))),
    pairs: await count(async (c) => okValue(await store.listPairs(q(c)))),
  };
}

/** `n` writes of a tool's events, `size` each: the tool's events `from .. from + n * size - 1`. */
export function eventWrites(
  toolId: string,
  n: number,
  size: number,
  event: (toolId: string, i: number) => FabRecord,
): FabRecord[][] {
  return Array.from({ length: n }, (_, w) =>
    Array.from({ length: size }, (_, j) => event(toolId, w * size + j)),
  );
}
