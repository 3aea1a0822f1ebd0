// The workflow of a fault ticket between the fab and the equipment maker (FAB.md, "The fault loop";
// docs/fab.md §11.1) as a refusing state table: new → acknowledged → analysing → fix proposed → fix
// deployed → verified → closed, with rejected and duplicate ending it early, a failed verification
// sending the fix back to analysis, and a recurrence of a verified or closed fault reopening it. Each
// move names who may make it (the fab's roles or the maker's); anything else is refused with the state,
// the action and the role. Pure: the caller stores the ticket and its history.
import { fail, type Issue, issue, ok, type Result, TransitionTable } from '@bondline/core';
import type { VerificationCheck } from './verification.js';

export const TICKET_STATES = [
  'new',
  'acknowledged',
  'analysing',
  'fix-proposed',
  'fix-deployed',
  'verified',
  'closed',
  'rejected',
  'duplicate',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** States in which a recurrence of the ticket's fault point attaches to it (counted). */
export const OPEN_TICKET_STATES: readonly TicketState[] = [
  'new',
  'acknowledged',
  'analysing',
  'fix-proposed',
  'fix-deployed',
];

export const ROLES = ['fab-admin', 'fab-engineer', 'operator', 'maker-engineer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who acts: a user (or a token) with a role; `system` is the fab's own services (alarms, SPC, FDC). */
export interface Actor {
  readonly id: string;
  readonly role: Role | 'system';
}

/** A fix as the maker deploys it: a software version, or a hardware change described. */
export type DeployedFix =
  | { readonly kind: 'software'; readonly version: string }
  | { readonly kind: 'hardware'; readonly change: string };

export type TicketAction =
  | { readonly kind: 'acknowledge' }
  | { readonly kind: 'start-analysis' }
  | { readonly kind: 'propose-fix'; readonly summary: string }
  | { readonly kind: 'deploy-fix'; readonly fix: DeployedFix }
  /** The fab confirms the computed check (verification.ts); refused unless it passed. */
  | { readonly kind: 'verify'; readonly check: VerificationCheck }
  /** The fab finds the deployed fix did not work (the check failed, or by inspection). */
  | { readonly kind: 'fix-failed'; readonly reason: string }
  | { readonly kind: 'close' }
  | { readonly kind: 'reject'; readonly reason: string }
  | { readonly kind: 'mark-duplicate'; readonly of: string }
  /** The ticket's fault point occurred again: counted while open, reopens a verified or closed ticket. */
  | { readonly kind: 'recur'; readonly atMs: number }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'assign'; readonly to: string | null };
export type TicketActionKind = TicketAction['kind'];

const FAB: readonly (Role | 'system')[] = ['fab-admin', 'fab-engineer'];
const MAKER: readonly (Role | 'system')[] = ['maker-engineer'];
const BOTH: readonly (Role | 'system')[] = [...FAB, ...MAKER];
const ANYONE_WRITING: readonly (Role | 'system')[] = [...BOTH, 'operator'];

type MovingKind = Exclude<TicketActionKind, 'comment' | 'assign' | 'recur'>;

/** Each state-changing action: the states it leaves, where it goes, and the roles that may take it. */
const MOVES: Readonly<
  Record<MovingKind, { from: readonly TicketState[]; to: TicketState; roles: readonly (Role | 'system')[] }>
> = {
  acknowledge: { from: ['new'], to: 'acknowledged', roles: MAKER },
  'start-analysis': { from: ['acknowledged'], to: 'analysing', roles: MAKER },
  'propose-fix': { from: ['analysing'], to: 'fix-proposed', roles: MAKER },
  'deploy-fix': { from: ['fix-proposed'], to: 'fix-deployed', roles: MAKER },
  verify: { from: ['fix-deployed'], to: 'verified', roles: FAB },
  'fix-failed': { from: ['fix-deployed'], to: 'analysing', roles: FAB },
  close: { from: ['verified'], to: 'closed', roles: FAB },
  reject: { from: ['new', 'acknowledged', 'analysing'], to: 'rejected', roles: BOTH },
  'mark-duplicate': { from: ['new', 'acknowledged', 'analysing'], to: 'duplicate', roles: BOTH },
};

const TABLE_ROWS = Object.entries(MOVES).flatMap(([on, m]) =>
  m.from.map((from) => ({ from, on: on as MovingKind, to: m.to })),
);

/** Who may record a recurrence, comment or assign. */
const SIDE_ACTIONS: Readonly<Record<'recur' | 'comment' | 'assign', readonly (Role | 'system')[]>> = {
  recur: ['system', ...FAB],
  comment: ANYONE_WRITING,
  assign: BOTH,
};

/** The part of a ticket the workflow reads and changes. */
export interface TicketCore {
  readonly state: TicketState;
  /** Occurrences of the fault point attached to the ticket, the first included. */
  readonly occurrences: number;
  readonly reopened: number;
  readonly assignee: string | null;
  readonly reportedMs: number;
  readonly acknowledgedMs?: number;
  readonly fixDeployedMs?: number;
  readonly verifiedMs?: number;
  readonly closedMs?: number;
  readonly fix?: DeployedFix;
  readonly duplicateOf?: string;
}

/** One line of a ticket's history: who did what, when, and the state before and after. */
export interface TicketChange {
  readonly atMs: number;
  readonly actor: Actor;
  readonly action: TicketAction;
  readonly from: TicketState;
  readonly to: TicketState;
}

export type WorkflowIssueCode =
  | 'illegal-transition'
  | 'not-permitted'
  | 'verification-failed'
  | 'invalid-action';

export interface Applied {
  readonly ticket: TicketCore;
  readonly change: TicketChange;
}

/** A new ticket's core, reported at `reportedMs`. */
export function newTicketCore(reportedMs: number): TicketCore {
  return { state: 'new', occurrences: 1, reopened: 0, assignee: null, reportedMs };
}

/** The actions `role` may take on a ticket in `state` (what a client shows as buttons). */
export function allowedActions(state: TicketState, role: Role | 'system'): TicketActionKind[] {
  const out: TicketActionKind[] = [];
  for (const [kind, m] of Object.entries(MOVES) as [MovingKind, (typeof MOVES)[MovingKind]][])
    if (m.from.includes(state) && m.roles.includes(role)) out.push(kind);
  for (const [kind, roles] of Object.entries(SIDE_ACTIONS) as [
    'recur' | 'comment' | 'assign',
    readonly Role[],
  ][])
    if (roles.includes(role as Role)) out.push(kind);
  return out;
}

/** Apply `action` by `actor` at `atMs`: the ticket after it and its history line, or why it is refused. */
export function applyTicketAction(
  ticket: TicketCore,
  action: TicketAction,
  actor: Actor,
  atMs: number,
): Result<Applied, WorkflowIssueCode> {
  const bad = checkText(action);
  if (bad !== undefined) return fail(bad);
  const from = ticket.state;
  const done = (next: TicketCore): Result<Applied, WorkflowIssueCode> =>
    ok({ ticket: next, change: { atMs, actor, action, from, to: next.state } });

  if (action.kind === 'comment' || action.kind === 'assign' || action.kind === 'recur') {
    if (!SIDE_ACTIONS[action.kind].includes(actor.role)) return fail(refused(action.kind, actor, from));
    if (action.kind === 'comment') return done(ticket);
    if (action.kind === 'assign') return done({ ...ticket, assignee: action.to });
    return done(recurred(ticket));
  }

  const move = MOVES[action.kind];
  if (!move.roles.includes(actor.role)) return fail(refused(action.kind, actor, from));
  const fired = new TransitionTable<TicketState, MovingKind>('ticket', TABLE_ROWS, from).fire(action.kind);
  if (!fired.ok) return fired;
  const to = fired.value.to;
  switch (action.kind) {
    case 'acknowledge':
      return done({ ...ticket, state: to, acknowledgedMs: ticket.acknowledgedMs ?? atMs });
    case 'deploy-fix':
      return done({ ...ticket, state: to, fix: action.fix, fixDeployedMs: atMs });
    case 'verify':
      if (!action.check.passed)
        return fail(
          issue(
            'verification-failed',
            `the verification check did not pass (${action.check.reasons.join('; ')}): 'fix-failed' sends the ticket back to analysis`,
            'check',
          ),
        );
      return done({ ...ticket, state: to, verifiedMs: atMs });
    case 'close':
      return done({ ...ticket, state: to, closedMs: atMs });
    case 'mark-duplicate':
      return done({ ...ticket, state: to, duplicateOf: action.of });
    default:
      return done({ ...ticket, state: to });
  }
}

/**
 * A recurrence: counted on an open ticket; a verified or closed ticket reopens as new (the maker
 * acknowledges again, and its response time counts from the recurrence); a rejected or duplicate
 * ticket is not reopened (`recurrenceOpensNew` says a new ticket is due).
 */
function recurred(t: TicketCore): TicketCore {
  const occurrences = t.occurrences + 1;
  if (t.state !== 'verified' && t.state !== 'closed') return { ...t, occurrences };
  const { acknowledgedMs: _a, fixDeployedMs: _f, verifiedMs: _v, closedMs: _c, ...rest } = t;
  return { ...rest, state: 'new', occurrences, reopened: t.reopened + 1 };
}

/** True when a recurrence of this ticket's fault point should open a new ticket rather than attach. */
export function recurrenceOpensNew(state: TicketState): boolean {
  return state === 'rejected' || state === 'duplicate';
}

const MAX_TEXT = 20_000;

function checkText(action: TicketAction): Issue<WorkflowIssueCode> | undefined {
  const text = (path: string, s: string): Issue<WorkflowIssueCode> | undefined =>
    s.trim() === ''
      ? issue('invalid-action', `${path} is empty`, path)
      : s.length > MAX_TEXT
        ? issue('invalid-action', `${path} is ${s.length} characters; at most ${MAX_TEXT}`, path)
        : undefined;
  switch (action.kind) {
    case 'propose-fix':
      return text('summary', action.summary);
    case 'deploy-fix':
      return action.fix.kind === 'software'
        ? text('fix.version', action.fix.version)
        : text('fix.change', action.fix.change);
    case 'fix-failed':
    case 'reject':
      return text('reason', action.reason);
    case 'mark-duplicate':
      return text('of', action.of);
    case 'comment':
      return text('text', action.text);
    default:
      return undefined;
  }
}

function refused(kind: TicketActionKind, actor: Actor, state: TicketState): Issue<WorkflowIssueCode> {
  return issue('not-permitted', `a ${actor.role} may not '${kind}' a ticket (it is '${state}')`);
}
