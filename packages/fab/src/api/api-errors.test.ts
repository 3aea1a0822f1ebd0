// Every refusal in one shape, whoever refuses: unknown routes and methods, Fastify's own errors on a
// route that takes a body, the store's issue codes, an unexpected throw (500 without its stack), and
// the health route when the store does not answer.
import { issue } from '@bondline/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { StoreIssueCode } from '../store/fab-store.js';
import { memoryLogger, refusingStore } from './api-fakes.test-util.js';
import { buildFabApi } from './fab-api.js';

describe('API refusals', () => {
  it('answers an unknown route 404 and a wrong method 405, in the one shape', async () => {
    const app = await buildFabApi({ store: refusingStore(issue('not-found', 'x')) });
    try {
      const missing = await app.inject('/api/nothing?x=1');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ code: 'not-found', message: 'no route GET /api/nothing' });
      const wrong = await app.inject({ method: 'DELETE', url: '/api/tools/B1' });
      expect(wrong.statusCode).toBe(405);
      expect(wrong.headers.allow).toBe('GET, HEAD');
      expect(wrong.json()).toMatchObject({ code: 'method-not-allowed' });
      const bad = await app.inject('/api/tools/%E0%A4%A');
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'bad-url' });
    } finally {
      await app.close();
    }
  });

  it("answers Fastify's own refusals of a body in the one shape", async () => {
    const app = await buildFabApi({ store: refusingStore(issue('not-found', 'x')) });
    // A route of a plugin beside the API (outside /api, so outside its access policy) is refused alike.
    app.post('/echo', { schema: { body: z.object({ a: z.number() }) } }, async (req) => req.body);
    try {
      const json = { 'content-type': 'application/json' };
      const cases = [
        { headers: json, payload: '{"a":', status: 400, code: 'bad-json' },
        { headers: json, payload: `{"a":"${'x'.repeat(20_000)}"}`, status: 413, code: 'body-too-large' },
        {
          headers: { 'content-type': 'text/csv' },
          payload: 'a,b',
          status: 415,
          code: 'unsupported-media-type',
        },
        { headers: json, payload: '{"a":"one"}', status: 400, code: 'wrong-type' },
      ];
      for (const c of cases) {
        const r = await app.inject({
          method: 'POST',
          url: '/echo',
          headers: c.headers,
          payload: c.payload,
        });
        expect(r.statusCode, c.code).toBe(c.status);
        expect(r.json(), c.code).toMatchObject({ code: c.code });
        expect(r.body, c.code).not.toMatch(/at .*\.(js|ts):\d+/);
      }
    } finally {
      await app.close();
    }
  });

  it('maps the store issue codes to statuses', async () => {
    const cases: [StoreIssueCode, number][] = [
      ['not-found', 404],
      ['bad-cursor', 400],
      ['bad-limit', 400],
      ['bad-filter', 400],
      ['bad-range', 400],
      ['store-unavailable', 503],
      ['store-busy', 503],
      ['not-migrated', 503],
      ['corrupt-map', 500],
    ];
    for (const [code, status] of cases) {
      const app = await buildFabApi({
        store: refusingStore(issue(code, `toolId: refused (${code})`, 'toolId')),
      });
      try {
        const r = await app.inject('/api/events');
        expect(r.statusCode, code).toBe(status);
        expect(r.json(), code).toMatchObject({ code });
        if (status === 400)
          expect(r.json(), code).toMatchObject({ path: 'tool', message: `tool: refused (${code})` });
        if (code === 'not-migrated') expect(r.json().message).toContain('bondline fab migrate');
      } finally {
        await app.close();
      }
    }
  });

  it('answers an unexpected error 500 internal, logs it, and shows no stack', async () => {
    const logger = memoryLogger();
    const app = await buildFabApi({ store: refusingStore(issue('store-busy', 'boom'), true), logger });
    try {
      const r = await app.inject('/api/pairs/P1');
      expect(r.statusCode).toBe(500);
      expect(r.json()).toEqual({
        code: 'internal',
        message: 'internal error; the server log has the details',
      });
      expect(r.body).not.toContain('boom');
      const logged = logger.lines.find((l) => l.level === 'error');
      expect((logged?.args[0] as { err?: Error } | undefined)?.err?.message).toContain('boom');
    } finally {
      await app.close();
    }
  });

  it('reports health 200 when the store answers and 503 when it does not', async () => {
    const down = await buildFabApi({
      store: refusingStore(issue('store-unavailable', 'connection refused')),
    });
    try {
      const r = await down.inject('/api/health');
      expect(r.statusCode).toBe(503);
      expect(r.json()).toMatchObject({
        status: 'unavailable',
        version: '0.1.0',
        store: { kind: 'sqlite', reachable: false, code: 'store-unavailable' },
      });
    } finally {
      await down.close();
    }
    const unmigrated = await buildFabApi({ store: refusingStore(issue('not-migrated', 'no schema')) });
    try {
      const r = await unmigrated.inject('/api/health');
      expect(r.statusCode).toBe(503);
      expect(r.json().store.message).toContain('bondline fab migrate');
    } finally {
      await unmigrated.close();
    }
  });

  it('sends CORS headers only when an origin is configured', async () => {
    const store = refusingStore(issue('not-found', 'x'));
    const closed = await buildFabApi({ store });
    const open = await buildFabApi({ store, corsOrigin: 'https://dash.example' });
    try {
      expect((await closed.inject('/api/tools/B1')).headers['access-control-allow-origin']).toBeUndefined();
      expect((await open.inject('/api/tools/B1')).headers['access-control-allow-origin']).toBe(
        'https://dash.example',
      );
    } finally {
      await closed.close();
      await open.close();
    }
  });
});
