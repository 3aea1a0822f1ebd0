// The OpenAPI document: every route Fastify has is in it with its parameters and response shapes
// (a route added without a schema fails here), and it has the structure of an OpenAPI 3.1 document.
import { issue } from '@bondline/core';
import { describe, expect, it } from 'vitest';
import { TicketService } from '../loop/ticket-service.js';
import { DEFAULT_TICKET_SETTINGS } from '../loop/ticket-settings.js';
import { refusingStore } from './api-fakes.test-util.js';
import { buildFabApi } from './fab-api.js';

/** Fastify's own route list (`printRoutes`), as `METHOD /full/path` with OpenAPI's `{param}`. */
function fastifyRoutes(tree: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (m === null) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    const path = stack.join('').replace(/:([^/]+)/g, '{$1}');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x !== '' && x !== 'HEAD'))
      out.push(`${method} ${path}`);
  }
  return out.sort();
}

interface Operation {
  readonly summary?: string;
  readonly parameters?: readonly { name: string; in: string; schema?: unknown }[];
  readonly responses: Readonly<Record<string, { content?: Readonly<Record<string, { schema?: unknown }>> }>>;
}

describe('OpenAPI document', () => {
  it('lists every registered route with its parameters and response schemas', async () => {
    const store = refusingStore(issue('not-found', 'x'));
    const settings = DEFAULT_TICKET_SETTINGS;
    const tickets = { service: new TicketService({ store, settings }), settings };
    const app = await buildFabApi({ store, tickets });
    try {
      await app.ready();
      const routes = fastifyRoutes(app.printRoutes({ commonPrefix: false }));
      expect(routes.length).toBeGreaterThanOrEqual(13);
      const r = await app.inject('/api/openapi.json');
      expect(r.statusCode).toBe(200);
      const doc = r.json() as {
        openapi: string;
        info: { title: string; version: string };
        paths: Record<string, Record<string, Operation>>;
        components: { schemas: Record<string, unknown> };
      };
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
      expect(doc.info).toMatchObject({ title: 'Bondline fab API', version: '0.1.0' });
      const documented = Object.entries(doc.paths)
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
        .sort();
      expect(documented).toEqual(routes);
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const where = `${method} ${path}`;
          expect(op.summary, where).toBeTruthy();
          // 200, or 201 for a route that creates (POST /api/fdc/models, POST /api/tickets), or 204
          // for one that answers nothing (DELETE /api/session).
          const ok = (op.responses['200'] ?? op.responses['201'])?.content;
          if (op.responses['204'] === undefined) expect(ok, `${where}: 200 (or 201) response`).toBeDefined();
          for (const media of Object.values(ok ?? {})) expect(media.schema, where).toBeDefined();
          expect(op.responses['400']?.content?.['application/json']?.schema, `${where}: 400`).toBeDefined();
          for (const param of /\{(\w+)\}/g.exec(path)?.slice(1) ?? []) {
            expect(
              op.parameters?.some((p) => p.in === 'path' && p.name === param),
              `${where}: ${param}`,
            ).toBe(true);
          }
        }
      }
      const events = doc.paths['/api/events']?.get?.parameters?.map((p) => p.name).sort();
      expect(events).toEqual(['ceid', 'cursor', 'from', 'limit', 'name', 'order', 'to', 'tool']);
      const yieldParams = doc.paths['/api/yield']?.get?.parameters?.map((p) => p.name).sort();
      expect(yieldParams).toEqual(['by', 'from', 'lot', 'recipe', 'to', 'tool']);
      expect(doc.components.schemas.StoredPairAnalysis).toBeDefined();
      expect(doc.components.schemas.TicketDetail).toBeDefined();
      const tickets = doc.paths['/api/tickets']?.get?.parameters?.map((p) => p.name).sort();
      expect(tickets).toEqual(['cursor', 'limit', 'maker', 'order', 'source', 'state', 'tool']);
      const faults = doc.paths['/api/fdc/faults']?.get?.parameters?.map((p) => p.name).sort();
      expect(faults).toEqual(['cursor', 'limit', 'order', 'pair', 'recipe', 'tool']);
      expect(doc.components.schemas.FdcFault).toBeDefined();
      // Every $ref resolves to a component.
      const refs = [...r.body.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '');
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeDefined();
    } finally {
      await app.close();
    }
  });
});
