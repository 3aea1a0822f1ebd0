// Who may use each route of the fab API (docs/fab.md §14.4, §14.6): the one table the access checks
// read (request-auth.ts), so the policy is reviewed in one place. Every route must have an entry: one
// registered without is refused when the API starts.
//
// - `public`: anyone, signed in or not (health, the OpenAPI document, signing in);
// - `signed-in`: any account, about itself (its session, its tokens);
// - `shared`: any account; a maker's user reads only their organisation's tools and what hangs on
//   them (the maker view), and is answered 404 for anything else, as for what does not exist;
// - `fab`: the fab's accounts only; a maker's user is answered 404.
// `permission` is what the route needs beyond that (accounts/access.ts), whatever the method.
import type { Permission } from '../accounts/access.js';

export interface RouteAccess {
  readonly see: 'public' | 'signed-in' | 'shared' | 'fab';
  readonly permission?: Permission;
}

const PUBLIC: RouteAccess = { see: 'public' };
const SIGNED_IN: RouteAccess = { see: 'signed-in' };
const SHARED: RouteAccess = { see: 'shared' };
const FAB: RouteAccess = { see: 'fab' };
const ENGINEER: RouteAccess = { see: 'fab', permission: 'engineer' };
const ADMIN: RouteAccess = { see: 'fab', permission: 'admin' };

export const ACCESS_POLICY: Readonly<Record<string, RouteAccess>> = {
  'GET /api/health': PUBLIC,
  'GET /api/openapi.json': PUBLIC,
  'POST /api/session': PUBLIC,
  'DELETE /api/session': SIGNED_IN,
  'GET /api/me': SIGNED_IN,
  'GET /api/tokens': SIGNED_IN,
  'POST /api/tokens': { see: 'signed-in', permission: 'tokens' },
  'DELETE /api/tokens/:id': SIGNED_IN,
  'GET /api/users': ADMIN,
  'POST /api/users': ADMIN,
  'POST /api/users/:id/disable': ADMIN,
  'GET /api/audit': ADMIN,
  'GET /api/webhooks/dead-letters': ADMIN,
  'POST /api/webhooks/dead-letters/:id/retry': ADMIN,

  'GET /api/tools': SHARED,
  'GET /api/tools/:id': SHARED,
  'GET /api/tools/:id/reliability': SHARED,
  'GET /api/tools/:id/coverage': SHARED,
  'GET /api/lots': SHARED,
  'GET /api/lots/:id': SHARED,
  'GET /api/pairs': SHARED,
  'GET /api/pairs/:id': SHARED,
  'GET /api/pairs/:id/analysis': SHARED,
  'GET /api/events': SHARED,
  'GET /api/alarms': SHARED,
  'GET /api/trace': SHARED,
  'GET /api/ec-changes': SHARED,
  'GET /api/yield': SHARED,
  'GET /api/yield/curve': SHARED,
  'GET /api/yield/pareto': SHARED,
  'GET /api/stream': SHARED,

  'GET /api/tickets': SHARED,
  'GET /api/tickets/response-times': SHARED,
  'GET /api/tickets/:id': SHARED,
  'GET /api/tickets/:id/replay': SHARED,
  'GET /api/tickets/:id/verification': SHARED,
  'GET /api/tickets/:id/attachments/:attachment': SHARED,
  'POST /api/tickets': { see: 'fab', permission: 'report' },
  'POST /api/tickets/:id/actions': { see: 'shared', permission: 'ticket' },
  'POST /api/tickets/:id/attachments': { see: 'shared', permission: 'ticket' },

  'GET /api/pairs/:id/fdc': FAB,
  'GET /api/fdc/faults': FAB,
  'GET /api/fdc/models': FAB,
  'GET /api/fdc/models/:recipe': FAB,
  'GET /api/fdc/models/:recipe/:version': FAB,
  'POST /api/fdc/models': ENGINEER,
  'GET /api/spc/charts': FAB,
  'GET /api/spc/charts/:id': FAB,
  'GET /api/spc/violations': FAB,
  'POST /api/spc/charts/:id/phases': ENGINEER,
  'POST /api/spc/violations/:id/close': ENGINEER,
  'GET /api/r2r': FAB,
  'GET /api/r2r/:context/history': FAB,
  'POST /api/r2r/:context/freeze': ENGINEER,
  'POST /api/r2r/:context/unfreeze': ENGINEER,
  'POST /api/r2r/:context/reset': ENGINEER,
  'POST /api/r2r/:context/hold': ENGINEER,
  'POST /api/r2r/:context/release': ENGINEER,
  'POST /api/r2r/:context/override': ENGINEER,
};
