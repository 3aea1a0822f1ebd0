// The `r2r:` block of the fab configuration: defaults, per-context overrides, and each mistake named
// with its key path.
import { describe, expect, it } from 'vitest';
import { parseFabConfigText } from '../../config/fab-config.js';
import { contextProduct, contextSettings } from './r2r-settings.js';

const BASE = `
fab: { id: fab-1, name: Fab }
makers: [{ id: m1, name: Maker 1 }]
tools:
  - { id: T1, name: Tool 1, maker: m1, address: 127.0.0.1, port: 5000, deviceId: 1 }
`;

function parse(r2r: string) {
  return parseFabConfigText(`${BASE}r2r:\n${r2r}`, 'fab.yaml');
}

function problems(r2r: string): string[] {
  const r = parse(r2r);
  if (r.ok) throw new Error('expected a refusal');
  return r.issues.map((i) => `${i.code} ${i.path ?? ''}`);
}

describe('r2r configuration', () => {
  it('is absent (off) unless given; defaults fill a bare block', () => {
    const none = parseFabConfigText(BASE, 'fab.yaml');
    expect(none.ok && none.value.r2r).toBeUndefined();
    const r = parse('  enabled: true\n');
    if (!r.ok) throw new Error(r.issues[0]?.message);
    const s = r.value.r2r;
    if (s === undefined) throw new Error('no r2r');
    expect(contextSettings(s, 'T1', 'BOND-STD')).toEqual({
      kind: 'ewma',
      w: 0.5,
      w2: 0.3,
      gain: -1,
      deadband: { Tx: 2, Ty: 2, Rot: 0.02, Mag: 0.02 },
      maxStep: { Tx: 200, Ty: 200, Rot: 2, Mag: 2 },
      holdAtStart: false,
    });
    expect(contextProduct(s, 'T1', 'BOND-STD')).toBe('default');
  });

  it('applies the first matching context override over the block', () => {
    const r = parse(`  enabled: true
  controller: { kind: dewma, w: 0.4, w2: 0.2 }
  deadband: { Tx: 5 }
  contexts:
    - { tool: T1, recipe: BOND-FAST, product: logic-7, controller: { w: 0.8 }, maxStep: { Mag: 0.5 }, hold: true }
    - { tool: T1, deadband: { Ty: 9 } }
`);
    if (!r.ok) throw new Error(r.issues[0]?.message);
    const s = r.value.r2r;
    if (s === undefined) throw new Error('no r2r');
    expect(contextSettings(s, 'T1', 'BOND-FAST')).toMatchObject({
      kind: 'dewma',
      w: 0.8,
      w2: 0.2,
      deadband: { Tx: 5, Ty: 2 },
      maxStep: { Mag: 0.5, Tx: 200 },
      holdAtStart: true,
    });
    expect(contextProduct(s, 'T1', 'BOND-FAST')).toBe('logic-7');
    expect(contextSettings(s, 'T1', 'BOND-STD')).toMatchObject({ w: 0.4, deadband: { Tx: 5, Ty: 9 } });
  });

  it('names each mistake with its path', () => {
    expect(problems('  enabled: yes-please\n')[0]).toMatch(/ r2r\.enabled$/);
    expect(problems('  controller: { w: 0 }\n')[0]).toMatch(/ r2r\.controller\.w$/);
    expect(problems('  controller: { kind: dewma }\n')).toEqual(['missing r2r.controller.w2']);
    expect(problems('  controller: { gain: 0.001 }\n')[0]).toMatch(/ r2r\.controller\.gain$/);
    expect(problems('  deadband: { Tx: -1 }\n')[0]).toMatch(/ r2r\.deadband\.Tx$/);
    expect(problems('  maxStep: { Tz: 1 }\n')[0]).toMatch(/ r2r\.maxStep/);
    expect(problems('  contexts: [{ tool: T9 }]\n')).toEqual(['unknown-tool r2r.contexts[0].tool']);
  });
});
