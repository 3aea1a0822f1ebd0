// Who a request acts as (docs/fab.md §11.7). Accounts, sessions and tokens are a later step of issue
// 13: until they land the fab API is UNAUTHENTICATED, and the only resolver is `localOperator`, the
// local operator of an embedded fab on this machine (the API binds 127.0.0.1 by default), acting as a
// fab admin. Routes take the actor from this seam only, so sessions and tokens replace it in one place.
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../loop/ticket-workflow.js';

/** The actor of a request, or undefined when the request may not act (answered 401). */
export type ResolveActor = (request: FastifyRequest) => Actor | undefined;

/** The local operator of an unauthenticated embedded fab: every request, a fab admin. */
export const LOCAL_OPERATOR: Actor = { id: 'local-operator', role: 'fab-admin' };

export const localOperator: ResolveActor = () => LOCAL_OPERATOR;
