// In-memory stand-ins for what the API reads besides the store, so its tests run without a collector
// or a bus: a LiveFeed the test pushes batches into, a ToolStatusBoard, a logger that keeps its lines,
// and a store whose every read answers one refusal (or throws).
import type { Issue } from '@bondline/core';
import type { FastifyBaseLogger } from 'fastify';
import type { LiveFeed, ToolStatus, ToolStatusBoard } from '../pipeline/seams.js';
import type { FabStore, StoreIssueCode } from '../store/fab-store.js';
import type { FabRecord } from '../store/records.js';

export class FakeFeed implements LiveFeed {
  private readonly listeners = new Set<(records: readonly FabRecord[]) => void>();

  subscribe(listener: (records: readonly FabRecord[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  push(records: readonly FabRecord[]): void {
    for (const l of this.listeners) l(records);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

export class FakeStatusBoard implements ToolStatusBoard {
  private readonly statuses = new Map<string, ToolStatus>();

  async put(status: ToolStatus): Promise<void> {
    this.statuses.set(status.toolId, status);
  }

  async get(toolId: string): Promise<ToolStatus | undefined> {
    return this.statuses.get(toolId);
  }

  async list(): Promise<readonly ToolStatus[]> {
    return [...this.statuses.values()];
  }
}

export interface LogLine {
  readonly level: string;
  readonly args: readonly unknown[];
}

/** A logger with Fastify's interface that keeps every line in `lines`. */
export function memoryLogger(lines: LogLine[] = []): FastifyBaseLogger & { lines: LogLine[] } {
  const at =
    (level: string) =>
    (...args: unknown[]) => {
      lines.push({ level, args });
    };
  const logger = {
    lines,
    level: 'trace',
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    silent: at('silent'),
    child: () => logger,
  };
  return logger as FastifyBaseLogger & { lines: LogLine[] };
}

/** A store whose every read answers `issue` (or, with `throws`, throws it as an unexpected error). */
export function refusingStore(issue: Issue<StoreIssueCode>, throws = false): FabStore {
  const answer = async () => {
    if (throws) throw new Error(`unexpected: ${issue.message}`);
    return { ok: false as const, issues: [issue] };
  };
  return {
    kind: 'sqlite',
    migrate: answer,
    writeBatch: answer,
    createUser: answer,
    getUser: answer,
    userCredentials: answer,
    listUsers: answer,
    countUsers: answer,
    setUserPassword: answer,
    disableUser: answer,
    createApiToken: answer,
    getApiToken: answer,
    listApiTokens: answer,
    revokeApiToken: answer,
    activeApiToken: answer,
    createSession: answer,
    activeSession: answer,
    deleteSession: answer,
    appendAudit: answer,
    listAudit: answer,
    alarmCounts: answer,
    saveDeadLetter: answer,
    getDeadLetter: answer,
    listDeadLetters: answer,
    markDeadLetterRetried: answer,
    listTools: answer,
    getTool: answer,
    listLots: answer,
    getLot: answer,
    listPairs: answer,
    getPair: answer,
    listEvents: answer,
    listAlarms: answer,
    listTrace: answer,
    listEcChanges: answer,
    writePairAnalyses: answer,
    getPairAnalysis: answer,
    pairsToAnalyse: answer,
    yieldSummary: answer,
    yieldPareto: answer,
    yieldCurve: answer,
    listR2rActions: answer,
    createTicket: answer,
    getTicket: answer,
    listTickets: answer,
    currentTicket: answer,
    changeTicket: answer,
    ticketHistory: answer,
    addTicketAttachment: answer,
    listTicketAttachments: answer,
    getTicketAttachment: answer,
    listFdcModels: answer,
    getFdcModel: answer,
    getFdcCheck: answer,
    listFdcFaults: answer,
    saveSpcChart: answer,
    getSpcChart: answer,
    listSpcCharts: answer,
    appendSpcPoints: answer,
    listSpcPoints: answer,
    listSpcViolations: answer,
    getSpcViolation: answer,
    close: async () => undefined,
  };
}
