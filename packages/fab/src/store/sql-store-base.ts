// What the SQLite and PostgreSQL stores share above their engines: the reads (store-reads.ts, one
// SQL for both) and the guard that turns an engine's expected failure (no schema yet, a lock held too
// long, the server gone) into the read's issue instead of a throw.
import type { Issue, Result } from '@bondline/core';
import { type AccountStore, accountStore } from './account-store.js';
import { type DeadLetterStore, deadLetterStore } from './dead-letter-store.js';
import type { FabStore, StoreIssueCode } from './fab-store.js';
import { fdcReads } from './fdc-reads.js';
import type { SqlReader } from './keyset-query.js';
import { spcReads } from './spc-reads.js';
import { storeReads } from './store-reads.js';
import { ticketStore } from './ticket-store.js';
import type { StepRunner } from './write-steps.js';
import { analysisReads } from './yield-reads.js';

/** An engine's mapping of a thrown error to an expected failure, or undefined for a bug (rethrown). */
export type EngineIssue = (e: unknown) => Issue<StoreIssueCode> | undefined;

type R<T> = Result<T, StoreIssueCode>;

/** The read methods of a FabStore over an engine's SqlReader, each guarded by `toIssue`. */
export abstract class SqlStoreBase {
  private readonly reads: ReturnType<typeof storeReads>;
  private readonly analyses: ReturnType<typeof analysisReads>;
  private readonly tickets: ReturnType<typeof ticketStore>;
  private readonly fdc: ReturnType<typeof fdcReads>;
  private readonly spc: ReturnType<typeof spcReads>;
  private readonly accounts: AccountStore;
  private readonly letters: DeadLetterStore;

  protected constructor(
    reader: SqlReader,
    private readonly toIssue: EngineIssue,
    runner: StepRunner,
  ) {
    this.reads = storeReads(reader);
    this.analyses = analysisReads(reader);
    this.tickets = ticketStore(reader, runner);
    this.fdc = fdcReads(reader);
    this.spc = spcReads(reader);
    this.accounts = accountStore(reader, runner);
    this.letters = deadLetterStore(reader, runner);
  }

  listTools: FabStore['listTools'] = (q) => this.guard(() => this.reads.listTools(q));
  getTool: FabStore['getTool'] = (id) => this.guard(() => this.reads.getTool(id));
  listLots: FabStore['listLots'] = (q) => this.guard(() => this.reads.listLots(q));
  getLot: FabStore['getLot'] = (id) => this.guard(() => this.reads.getLot(id));
  listPairs: FabStore['listPairs'] = (q) => this.guard(() => this.reads.listPairs(q));
  getPair: FabStore['getPair'] = (id) => this.guard(() => this.reads.getPair(id));
  listEvents: FabStore['listEvents'] = (q) => this.guard(() => this.reads.listEvents(q));
  listAlarms: FabStore['listAlarms'] = (q) => this.guard(() => this.reads.listAlarms(q));
  alarmCounts: FabStore['alarmCounts'] = (t) => this.guard(() => this.reads.alarmCounts(t));
  listTrace: FabStore['listTrace'] = (q) => this.guard(() => this.reads.listTrace(q));
  listEcChanges: FabStore['listEcChanges'] = (q) => this.guard(() => this.reads.listEcChanges(q));
  getPairAnalysis: FabStore['getPairAnalysis'] = (id) => this.guard(() => this.analyses.getPairAnalysis(id));
  pairsToAnalyse: FabStore['pairsToAnalyse'] = (q) => this.guard(() => this.analyses.pairsToAnalyse(q));
  yieldSummary: FabStore['yieldSummary'] = (q = {}) => this.guard(() => this.analyses.yieldSummary(q));
  yieldPareto: FabStore['yieldPareto'] = (q = {}) => this.guard(() => this.analyses.yieldPareto(q));
  yieldCurve: FabStore['yieldCurve'] = (q = {}) => this.guard(() => this.analyses.yieldCurve(q));
  listR2rActions: FabStore['listR2rActions'] = (q) => this.guard(() => this.reads.listR2rActions(q));
  createTicket: FabStore['createTicket'] = (t) => this.guard(() => this.tickets.createTicket(t));
  getTicket: FabStore['getTicket'] = (id) => this.guard(() => this.tickets.getTicket(id));
  listTickets: FabStore['listTickets'] = (q) => this.guard(() => this.tickets.listTickets(q));
  currentTicket: FabStore['currentTicket'] = (tool, key) =>
    this.guard(() => this.tickets.currentTicket(tool, key));
  changeTicket: FabStore['changeTicket'] = (id, v, next, change) =>
    this.guard(() => this.tickets.changeTicket(id, v, next, change));
  ticketHistory: FabStore['ticketHistory'] = (id) => this.guard(() => this.tickets.ticketHistory(id));
  addTicketAttachment: FabStore['addTicketAttachment'] = (a) =>
    this.guard(() => this.tickets.addTicketAttachment(a));
  listTicketAttachments: FabStore['listTicketAttachments'] = (id) =>
    this.guard(() => this.tickets.listTicketAttachments(id));
  getTicketAttachment: FabStore['getTicketAttachment'] = (id, n) =>
    this.guard(() => this.tickets.getTicketAttachment(id, n));
  listFdcModels: FabStore['listFdcModels'] = (q) => this.guard(() => this.fdc.listFdcModels(q));
  getFdcModel: FabStore['getFdcModel'] = (r, v) => this.guard(() => this.fdc.getFdcModel(r, v));
  getFdcCheck: FabStore['getFdcCheck'] = (id) => this.guard(() => this.fdc.getFdcCheck(id));
  listFdcFaults: FabStore['listFdcFaults'] = (q) => this.guard(() => this.fdc.listFdcFaults(q));
  getSpcChart: FabStore['getSpcChart'] = (id) => this.guard(() => this.spc.getSpcChart(id));
  listSpcCharts: FabStore['listSpcCharts'] = (q) => this.guard(() => this.spc.listSpcCharts(q));
  listSpcPoints: FabStore['listSpcPoints'] = (q) => this.guard(() => this.spc.listSpcPoints(q));
  listSpcViolations: FabStore['listSpcViolations'] = (q) => this.guard(() => this.spc.listSpcViolations(q));
  getSpcViolation: FabStore['getSpcViolation'] = (seq) => this.guard(() => this.spc.getSpcViolation(seq));

  // Accounts (migration 9, docs/fab.md §14.5).
  createUser: FabStore['createUser'] = (u) => this.guard(() => this.accounts.createUser(u));
  getUser: FabStore['getUser'] = (id) => this.guard(() => this.accounts.getUser(id));
  userCredentials: FabStore['userCredentials'] = (id) => this.guard(() => this.accounts.userCredentials(id));
  listUsers: FabStore['listUsers'] = (q) => this.guard(() => this.accounts.listUsers(q));
  countUsers: FabStore['countUsers'] = () => this.guard(() => this.accounts.countUsers());
  setUserPassword: FabStore['setUserPassword'] = (id, h) =>
    this.guard(() => this.accounts.setUserPassword(id, h));
  disableUser: FabStore['disableUser'] = (id, at) => this.guard(() => this.accounts.disableUser(id, at));
  createApiToken: FabStore['createApiToken'] = (t) => this.guard(() => this.accounts.createApiToken(t));
  getApiToken: FabStore['getApiToken'] = (id) => this.guard(() => this.accounts.getApiToken(id));
  listApiTokens: FabStore['listApiTokens'] = (q) => this.guard(() => this.accounts.listApiTokens(q));
  revokeApiToken: FabStore['revokeApiToken'] = (id, at) =>
    this.guard(() => this.accounts.revokeApiToken(id, at));
  activeApiToken: FabStore['activeApiToken'] = (id, now) =>
    this.guard(() => this.accounts.activeApiToken(id, now));
  createSession: FabStore['createSession'] = (s) => this.guard(() => this.accounts.createSession(s));
  activeSession: FabStore['activeSession'] = (h, now) =>
    this.guard(() => this.accounts.activeSession(h, now));
  deleteSession: FabStore['deleteSession'] = (h) => this.guard(() => this.accounts.deleteSession(h));
  appendAudit: FabStore['appendAudit'] = (line) => this.guard(() => this.accounts.appendAudit(line));
  listAudit: FabStore['listAudit'] = (q) => this.guard(() => this.accounts.listAudit(q));

  // The webhooks' dead letters (migration 10, docs/fab.md §13.2).
  saveDeadLetter: FabStore['saveDeadLetter'] = (l) => this.guard(() => this.letters.saveDeadLetter(l));
  getDeadLetter: FabStore['getDeadLetter'] = (id) => this.guard(() => this.letters.getDeadLetter(id));
  listDeadLetters: FabStore['listDeadLetters'] = (q) => this.guard(() => this.letters.listDeadLetters(q));
  markDeadLetterRetried: FabStore['markDeadLetterRetried'] = (id, at) =>
    this.guard(() => this.letters.markDeadLetterRetried(id, at));

  /** Run `work`; an expected engine failure becomes its issue, anything else is rethrown. */
  protected async guard<T>(work: () => Promise<R<T>>): Promise<R<T>> {
    try {
      return await work();
    } catch (e) {
      const found = this.toIssue(e);
      if (found === undefined) throw e;
      return { ok: false, issues: [found] };
    }
  }
}
