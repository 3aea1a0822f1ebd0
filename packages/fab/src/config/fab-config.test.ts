import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN } from './default-plan.js';
import { loadFabConfig, parseFabConfigText } from './fab-config.js';

const EXAMPLE = join(import.meta.dirname, '../../../../examples/fab/fab.yaml');

const BASE = `
fab: { id: fab-1, name: Fab }
makers: [{ id: m1, name: Maker 1 }]
tools:
  - { id: T1, name: Tool 1, maker: m1, address: 127.0.0.1, port: 5000, deviceId: 1 }
`;

/** `code path: message` of each issue of a refused text. */
function problems(text: string): string[] {
  const r = parseFabConfigText(text, 'fab.yaml');
  if (r.ok) throw new Error('expected a refusal');
  return r.issues.map((i) => `${i.code} ${i.path ?? ''}: ${i.message}`);
}

describe('fab configuration', () => {
  it('reads the example with its plan, timers and store', async () => {
    const r = await loadFabConfig(EXAMPLE);
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const c = r.value;
    expect(c.fab).toEqual({ id: 'fab-1', name: 'Fab One' });
    expect(c.makers.map((m) => m.id)).toEqual(['maker-a', 'maker-b']);
    expect(c.tools.map((t) => [t.id, t.maker, t.port, t.onlineRemote, t.planName])).toEqual([
      ['B1', 'maker-a', 5001, true, 'default'],
      ['B2', 'maker-b', 5002, true, 'default'],
    ]);
    expect(c.tools[0]?.timers).toEqual({ t3Ms: 45000, t5Ms: 2000 });
    expect(c.tools[0]?.plan.events.map((e) => e.name)).toContain('PairResult');
    expect(c.tools[0]?.plan.events.find((e) => e.name === 'PairResult')?.variables).toContain('PairDieMap');
    expect(c.store).toEqual({ kind: 'sqlite', path: 'fab.sqlite' });
    expect(c.collector.maxPendingMessages).toBe(1000);
    expect(c.collector.retryMaxMs).toBe(5000);
  });

  it('reads the scaled example: PostgreSQL, NATS JetStream and the HTTP settings', async () => {
    const r = await loadFabConfig(join(import.meta.dirname, '../../../../examples/fab/fab-scaled.yaml'));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.value.store).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://postgres@127.0.0.1:5432/fab',
    });
    expect(r.value.bus).toEqual({
      servers: ['nats://127.0.0.1:4222'],
      stream: 'BONDLINE_RECORDS',
      durable: 'bondline-store-writer',
    });
    expect(r.value.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(r.value.tools.map((t) => t.id)).toEqual(['B1', 'B2']);
  });

  it('gives a tool without plans the built-in default plan, and the defaults of the file', () => {
    const r = parseFabConfigText(BASE, 'fab.yaml');
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.value.tools[0]).toMatchObject({
      planName: 'default',
      plan: DEFAULT_PLAN,
      onlineRemote: true,
      timers: {},
    });
    expect(r.value.collector).toEqual({
      maxPendingMessages: 1000,
      maxBatchRecords: 5000,
      retryMinMs: 50,
      retryMaxMs: 5000,
      stallSeparateMs: 15000,
    });
  });

  it('names every bad field with its path and line', () => {
    const text = `
fab: { id: "bad id", name: Fab }
makers: [{ id: m1, name: Maker 1 }, { id: m1, name: Again }]
plans:
  p1:
    events: [{ name: PairResult, variables: [PairId], colour: red }]
    trace: [{ id: 1, variables: [X], periodMs: 15, samples: 10 }]
    alarms: some
tools:
  - { id: T1, name: Tool 1, maker: m2, address: 127.0.0.1, port: 70000, deviceId: 1, plan: p9 }
  - { id: T1, name: Tool 1b, maker: m1, address: 127.0.0.1, port: 5001, deviceId: -1, timers: { t3Ms: 500 } }
  - { id: T3, name: Tool 3, maker: m1, port: 5002, deviceId: 1, onlineRemote: maybe }
collector: { retryMinMs: 100, retryMaxMs: 10 }
store: { kind: mysql }
extra: 1
`;
    const p = problems(text);
    const paths = p.map((l) => l.split(':')[0]);
    expect(paths.sort()).toEqual(
      [
        'invalid-value fab.id',
        'unknown-key plans.p1.events[0].colour',
        'invalid-value plans.p1.trace[0].periodMs',
        'invalid-value plans.p1.alarms',
        'out-of-range tools[0].port',
        'out-of-range tools[1].deviceId',
        'out-of-range tools[1].timers.t3Ms',
        'missing tools[2].address',
        'wrong-type tools[2].onlineRemote',
        'invalid-value store.kind',
        'unknown-key extra',
      ].sort(),
    );
    expect(p.find((l) => l.startsWith('unknown-key extra'))).toMatch(
      /^unknown-key extra: fab\.yaml:15:1: extra: is not a known key/,
    );
  });

  it('reads the bus and HTTP settings of the scaled layout, and names their bad fields', () => {
    const good = parseFabConfigText(
      `${BASE}bus: { servers: ["nats://127.0.0.1:4222"], stream: LINE2, durable: writers }\nhttp: { port: 9090 }\n`,
      'fab.yaml',
    );
    if (!good.ok) throw new Error(good.issues[0]?.message);
    expect(good.value.bus).toEqual({
      servers: ['nats://127.0.0.1:4222'],
      stream: 'LINE2',
      durable: 'writers',
    });
    expect(good.value.http).toEqual({ host: '127.0.0.1', port: 9090 });
    const bad = problems(
      `${BASE}bus: { servers: ["127.0.0.1:4222"], stream: "a b", subjectPrefix: "x..y", colour: 1 }\nhttp: { port: 80000 }\n`,
    );
    expect(bad.map((l) => l.split(':')[0]).sort()).toEqual(
      [
        'invalid-value bus.servers[0]',
        'invalid-value bus.stream',
        'invalid-value bus.subjectPrefix',
        'unknown-key bus.colour',
        'out-of-range http.port',
      ].sort(),
    );
    expect(bad.find((l) => l.includes('bus.servers[0]'))).toContain('a NATS server as nats://host:port');
  });

  it('checks references once the fields are well formed: makers, plans, duplicates, retry bounds', () => {
    const text = `
fab: { id: fab-1, name: Fab }
makers: [{ id: m1, name: Maker 1 }, { id: m1, name: Again }, { id: fab-1, name: Fab again }]
tools:
  - { id: T1, name: Tool 1, maker: m2, address: 127.0.0.1, port: 5000, deviceId: 1, plan: p9 }
  - { id: T1, name: Tool 1b, maker: m1, address: 127.0.0.1, port: 5001, deviceId: 1 }
collector: { retryMinMs: 100, retryMaxMs: 10 }
`;
    expect(problems(text)).toEqual([
      'duplicate makers[1].id: fab.yaml:3:39: makers[1].id: organisation "m1" is listed twice',
      'duplicate makers[2].id: fab.yaml:3:64: makers[2].id: organisation "fab-1" is listed twice',
      'unknown-maker tools[0].maker: fab.yaml:5:29: tools[0].maker: "m2" is not one of makers (m1, m1, fab-1)',
      'unknown-plan tools[0].plan: fab.yaml:5:85: tools[0].plan: "p9" is not one of plans (none defined)',
      'duplicate tools[1].id: fab.yaml:6:7: tools[1].id: tool "T1" is listed twice',
      'out-of-range collector.retryMaxMs: fab.yaml:7:31: collector.retryMaxMs: must be at least retryMinMs (100)',
    ]);
  });

  it('refuses text that is not YAML, and a file that is not there', async () => {
    expect(problems('fab: [')[0]).toMatch(/^syntax/);
    const r = await loadFabConfig('/nonexistent/fab.yaml');
    expect(r.ok).toBe(false);
  });

  it('keeps the example file free of keys the schema does not know', () => {
    expect(readFileSync(EXAMPLE, 'utf8')).toContain('plans:');
  });
});
