// Every answer that is not a success has one shape, `{ code, message, path? }` (path: the query or
// route parameter at fault), whoever refused: a route's zod schema, the store, or Fastify itself (bad
// JSON, a body too large, an unknown route). Nothing else reaches a client: an unexpected error is
// logged and answered as `internal` without its stack.
import { type Issue, issue, zodIssues } from '@bondline/core';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { FastifySchemaCompiler } from 'fastify/types/schema.js';
import type { z } from 'zod';
import type { StoreIssueCode } from '../store/fab-store.js';

/** The body of every refusal. */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
}

/** A request refused by a route's schema; carries the issues in Bondline's shape. */
class RequestRefused extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_VALIDATION';
  constructor(readonly issues: readonly Issue[]) {
    super(issues[0]?.message ?? 'bad request');
    this.name = 'RequestRefused';
  }
}

/** Fastify's validator for zod schemas: a refusal keeps its issues (code, message naming the field, path). */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const r = schema.safeParse(data, { reportInput: true });
    return r.success
      ? { value: r.data }
      : { error: new RequestRefused(zodIssues(r.error.issues, {}, schema)) };
  };

const STORE_STATUS: Readonly<Record<StoreIssueCode, number>> = {
  'not-found': 404,
  'bad-cursor': 400,
  'bad-limit': 400,
  'bad-filter': 400,
  'bad-range': 400,
  'store-unavailable': 503,
  'store-busy': 503,
  'not-migrated': 503,
  // A ticket changed since the client read it; an attachment past its bound.
  'stale-version': 409,
  'already-exists': 409,
  'too-large': 413,
  // What the read-only API cannot cause (write refusals) or a client cannot fix (a corrupt stored
  // map, a database of another version) is the server's fault.
  'invalid-record': 500,
  'batch-too-large': 500,
  'unknown-reference': 500,
  'corrupt-map': 500,
  'schema-too-new': 503,
  'migration-mismatch': 503,
};

// The store names its query fields (toolId, fromMs); the client sent the query string's names.
const QUERY_NAMES: Readonly<Record<string, string>> = {
  toolId: 'tool',
  lotId: 'lot',
  fromMs: 'from',
  toMs: 'to',
  traceId: 'trid',
};

/** The status and body for a store refusal (its first issue), with the path in the client's names. */
export function storeRefusal(issues: readonly Issue<StoreIssueCode>[]): { status: number; body: ApiError } {
  const first = issues[0] ?? issue('store-unavailable', 'the store failed without saying why');
  const status = STORE_STATUS[first.code];
  if (first.code === 'not-migrated') {
    return {
      status,
      body: {
        code: first.code,
        message: `the fab store has no schema yet: run \`bondline fab migrate\` (${first.message})`,
      },
    };
  }
  if (status >= 500 && first.code !== 'store-unavailable' && first.code !== 'store-busy') {
    return { status, body: { code: first.code, message: first.message } };
  }
  const path = first.path === undefined ? undefined : (QUERY_NAMES[first.path] ?? first.path);
  const message = first.message.replace(STORE_NAME, (name) => QUERY_NAMES[name] ?? name);
  return {
    status,
    body: path === undefined ? { code: first.code, message } : { code: first.code, message, path },
  };
}

const STORE_NAME = new RegExp(`\\b(${Object.keys(QUERY_NAMES).join('|')})\\b`, 'g');

/** Send a store refusal; 5xx refusals are logged. */
export function sendStoreRefusal(
  reply: FastifyReply,
  issues: readonly Issue<StoreIssueCode>[],
): FastifyReply {
  const { status, body } = storeRefusal(issues);
  if (status >= 500) reply.log.warn({ code: body.code }, body.message);
  return reply.code(status).send(body);
}

// Fastify's own refusals, by its error code: the client's fault, each with a code of ours.
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad-json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-content-length',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported-media-type',
  FST_ERR_BAD_URL: 'bad-url',
  FST_ERR_ASYNC_CONSTRAINT: 'bad-request',
};

/** Answer every error and every unknown route in the one shape. */
export function installErrorHandlers(
  app: FastifyInstance,
  routeMethods: (url: string) => readonly string[],
): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof RequestRefused) {
      const first = err.issues[0] ?? issue('bad-request', err.message);
      const where = err.issues.length > 1 ? ` (and ${err.issues.length - 1} more)` : '';
      const body: ApiError = { code: first.code, message: `${first.message}${where}` };
      return reply.code(400).send(first.path === undefined ? body : { ...body, path: first.path });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_CODES[err.code] ?? 'bad-request';
      return reply.code(status).send({ code, message: err.message });
    }
    request.log.error({ err }, 'request failed');
    return reply
      .code(500)
      .send({ code: 'internal', message: 'internal error; the server log has the details' });
  });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? request.url;
    const allowed = routeMethods(url);
    if (allowed.length > 0) {
      return reply
        .code(405)
        .header('allow', allowed.join(', '))
        .send({
          code: 'method-not-allowed',
          message: `${request.method} ${url}: allowed ${allowed.join(', ')}`,
        });
    }
    return reply.code(404).send({ code: 'not-found', message: `no route ${request.method} ${url}` });
  });
}
