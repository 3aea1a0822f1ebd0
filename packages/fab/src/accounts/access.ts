// What each account may see and do (FAB.md, "Accounts and what each may see"; docs/fab.md §14.4). The
// fab's organisation sees every tool; an equipment maker's users see only the tools of their own
// organisation and what hangs on them (lots, pairs, events, tickets). Roles belong to a side: fab
// admin, fab engineer and operator to the fab, maker engineer to a maker, viewer to either. A route
// asks `canSeeTool` for every object it answers; an object the caller may not see is answered as not
// found (404), so its existence does not leak.
import type { Role } from '../loop/ticket-workflow.js';

export type OrganisationSide = 'fab' | 'maker';

/** Who is asking: a signed-in user or an API token's owner. */
export interface Principal {
  readonly userId: string;
  readonly role: Role;
  readonly organisationId: string;
  /** The side of the principal's organisation. */
  readonly side: OrganisationSide;
}

/** The roles a user of each side may hold. */
const SIDE_ROLES: Readonly<Record<OrganisationSide, readonly Role[]>> = {
  fab: ['fab-admin', 'fab-engineer', 'operator', 'viewer'],
  maker: ['maker-engineer', 'viewer'],
};

/** True when `role` may be given to a user of an organisation of `side`. */
export function roleFitsSide(role: Role, side: OrganisationSide): boolean {
  return SIDE_ROLES[side].includes(role);
}

/** What may be done beyond reading (reading is every role's). */
export type Permission =
  /** Manage users, organisations and every token. */
  | 'admin'
  /** Open a ticket from a report. */
  | 'report'
  /** Act on tickets (the workflow checks each move by role, docs/fab.md §11.1). */
  | 'ticket'
  /** Command the fab's analytics: R2R freeze/reset/override, SPC phases and closing violations, FDC learning. */
  | 'engineer'
  /** Own API tokens. */
  | 'tokens';

const PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  'fab-admin': ['admin', 'report', 'ticket', 'engineer', 'tokens'],
  'fab-engineer': ['report', 'ticket', 'engineer', 'tokens'],
  operator: ['report', 'ticket', 'tokens'],
  'maker-engineer': ['ticket', 'tokens'],
  viewer: [],
};

export function can(p: Principal, permission: Permission): boolean {
  return PERMISSIONS[p.role].includes(permission);
}

/** May `p` see a tool of organisation `toolOrganisationId`? */
export function canSeeTool(p: Principal, toolOrganisationId: string): boolean {
  return p.side === 'fab' || toolOrganisationId === p.organisationId;
}
