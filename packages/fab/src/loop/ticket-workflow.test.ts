// The ticket workflow against its specification (FAB.md, "The fault loop"; docs/fab.md §11.1), written
// out here independently of the table in ticket-workflow.ts: every state × action × role is tried and
// must move exactly where this list says, or be refused.
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  allowedActions,
  applyTicketAction,
  newTicketCore,
  ROLES,
  type Role,
  recurrenceOpensNew,
  TICKET_STATES,
  type TicketAction,
  type TicketCore,
  type TicketState,
} from './ticket-workflow.js';
import { verificationCheck } from './verification.js';

const passed = verificationCheck({ pairsSinceFix: 50, requiredPairs: 50, recurrencesSinceFix: 0 });
const ACTIONS: readonly TicketAction[] = [
  { kind: 'acknowledge' },
  { kind: 'start-analysis' },
  { kind: 'propose-fix', summary: 'replace the chamber door O-ring' },
  { kind: 'deploy-fix', fix: { kind: 'hardware', change: 'O-ring replaced' } },
  { kind: 'verify', check: passed },
  { kind: 'fix-failed', reason: 'leak rate unchanged' },
  { kind: 'close' },
  { kind: 'reject', reason: 'not a tool fault' },
  { kind: 'mark-duplicate', of: 'T-000001' },
];

// The specification: [state, action] → [next state, the roles allowed].
const FAB = ['fab-admin', 'fab-engineer'];
const MAKER = ['maker-engineer'];
const SPEC: Record<string, [TicketState, string[]]> = {
  'new acknowledge': ['acknowledged', MAKER],
  'acknowledged start-analysis': ['analysing', MAKER],
  'analysing propose-fix': ['fix-proposed', MAKER],
  'fix-proposed deploy-fix': ['fix-deployed', MAKER],
  'fix-deployed verify': ['verified', FAB],
  'fix-deployed fix-failed': ['analysing', FAB],
  'verified close': ['closed', FAB],
  'new reject': ['rejected', [...FAB, ...MAKER]],
  'acknowledged reject': ['rejected', [...FAB, ...MAKER]],
  'analysing reject': ['rejected', [...FAB, ...MAKER]],
  'new mark-duplicate': ['duplicate', [...FAB, ...MAKER]],
  'acknowledged mark-duplicate': ['duplicate', [...FAB, ...MAKER]],
  'analysing mark-duplicate': ['duplicate', [...FAB, ...MAKER]],
};

const ticketIn = (state: TicketState): TicketCore => ({ ...newTicketCore(1_000), state });
const actor = (role: Role | 'system'): Actor => ({ id: `u-${role}`, role });

describe('ticket workflow', () => {
  it('moves exactly as the specification says, for every state, action and role', () => {
    let tried = 0;
    for (const state of TICKET_STATES)
      for (const action of ACTIONS)
        for (const role of [...ROLES, 'system'] as const) {
          tried++;
          const r = applyTicketAction(ticketIn(state), action, actor(role), 5_000);
          const spec = SPEC[`${state} ${action.kind}`];
          if (spec?.[1].includes(role)) {
            expect(r.ok, `${state} ${action.kind} as ${role}`).toBe(true);
            if (r.ok) {
              expect(r.value.ticket.state).toBe(spec[0]);
              expect(r.value.change).toMatchObject({
                from: state,
                to: spec[0],
                atMs: 5_000,
                actor: actor(role),
              });
            }
          } else {
            expect(r.ok, `${state} ${action.kind} as ${role} must be refused`).toBe(false);
            if (!r.ok) expect(['illegal-transition', 'not-permitted']).toContain(r.issues[0]?.code);
          }
        }
    expect(tried).toBe(9 * 9 * 6);
  });

  it('lists the actions a role may take in a state', () => {
    expect(allowedActions('new', 'maker-engineer')).toEqual([
      'acknowledge',
      'reject',
      'mark-duplicate',
      'comment',
      'assign',
    ]);
    expect(allowedActions('fix-deployed', 'fab-engineer')).toEqual([
      'verify',
      'fix-failed',
      'recur',
      'comment',
      'assign',
    ]);
    expect(allowedActions('closed', 'viewer')).toEqual([]);
    expect(allowedActions('new', 'operator')).toEqual(['comment']);
  });

  it('records the times and the fix along the happy path', () => {
    const maker = actor('maker-engineer');
    const fab = actor('fab-engineer');
    const steps: [TicketAction, Actor, number][] = [
      [{ kind: 'acknowledge' }, maker, 2_000],
      [{ kind: 'start-analysis' }, maker, 3_000],
      [{ kind: 'propose-fix', summary: 'firmware 2.4.1 retries the RF match' }, maker, 4_000],
      [{ kind: 'deploy-fix', fix: { kind: 'software', version: '2.4.1' } }, maker, 5_000],
      [{ kind: 'verify', check: passed }, fab, 6_000],
      [{ kind: 'close' }, fab, 7_000],
    ];
    let t = newTicketCore(1_000);
    for (const [action, who, atMs] of steps) {
      const r = applyTicketAction(t, action, who, atMs);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      t = r.value.ticket;
    }
    expect(t).toEqual({
      state: 'closed',
      occurrences: 1,
      reopened: 0,
      assignee: null,
      reportedMs: 1_000,
      acknowledgedMs: 2_000,
      fixDeployedMs: 5_000,
      verifiedMs: 6_000,
      closedMs: 7_000,
      fix: { kind: 'software', version: '2.4.1' },
    });
  });

  it('refuses to verify on a failed check, naming why', () => {
    const check = verificationCheck({ pairsSinceFix: 12, requiredPairs: 50, recurrencesSinceFix: 1 });
    const r = applyTicketAction(
      ticketIn('fix-deployed'),
      { kind: 'verify', check },
      actor('fab-engineer'),
      9,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.code).toBe('verification-failed');
    expect(r.issues[0]?.message).toContain('12 of the 50 pairs');
    expect(r.issues[0]?.message).toContain('recurred 1 time since the fix');
  });

  it('counts a recurrence on an open ticket and reopens a verified or closed one', () => {
    const sys = actor('system');
    for (const state of ['new', 'acknowledged', 'analysing', 'fix-proposed', 'fix-deployed'] as const) {
      const r = applyTicketAction(ticketIn(state), { kind: 'recur', atMs: 9 }, sys, 9);
      expect(r.ok && r.value.ticket).toMatchObject({ state, occurrences: 2, reopened: 0 });
    }
    for (const state of ['verified', 'closed'] as const) {
      const before: TicketCore = {
        ...ticketIn(state),
        acknowledgedMs: 2,
        fixDeployedMs: 3,
        verifiedMs: 4,
        closedMs: 5,
      };
      const r = applyTicketAction(before, { kind: 'recur', atMs: 9 }, sys, 9);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.ticket).toEqual({
        state: 'new',
        occurrences: 2,
        reopened: 1,
        assignee: null,
        reportedMs: 1_000,
      });
      expect(r.value.change).toMatchObject({ from: state, to: 'new' });
    }
    expect(recurrenceOpensNew('rejected')).toBe(true);
    expect(recurrenceOpensNew('duplicate')).toBe(true);
    expect(recurrenceOpensNew('closed')).toBe(false);
    const maker = applyTicketAction(ticketIn('new'), { kind: 'recur', atMs: 9 }, actor('maker-engineer'), 9);
    expect(maker.ok ? undefined : maker.issues[0]?.code).toBe('not-permitted');
  });

  it('takes comments and assignments without moving, and refuses empty text', () => {
    const c = applyTicketAction(
      ticketIn('analysing'),
      { kind: 'comment', text: 'pressure log attached' },
      actor('operator'),
      9,
    );
    expect(c.ok && c.value.change).toMatchObject({ from: 'analysing', to: 'analysing' });
    const a = applyTicketAction(
      ticketIn('analysing'),
      { kind: 'assign', to: 'u-7' },
      actor('maker-engineer'),
      9,
    );
    expect(a.ok && a.value.ticket.assignee).toBe('u-7');
    const viewer = applyTicketAction(ticketIn('new'), { kind: 'comment', text: 'hi' }, actor('viewer'), 9);
    expect(viewer.ok ? undefined : viewer.issues[0]?.code).toBe('not-permitted');
    const empty = applyTicketAction(
      ticketIn('analysing'),
      { kind: 'propose-fix', summary: '  ' },
      actor('maker-engineer'),
      9,
    );
    expect(empty.ok ? undefined : empty.issues[0]).toMatchObject({ code: 'invalid-action', path: 'summary' });
  });
});
