import { describe, expect, it } from 'vitest';
import { parseFabConfigText } from '../../config/fab-config.js';
import { spcParameters, spcSettingsSchema } from './spc-settings.js';

const BASE = `
fab: { id: fab-1, name: Fab }
makers: [{ id: m1, name: Maker 1 }]
tools:
  - { id: T1, name: Tool 1, maker: m1, address: 127.0.0.1, port: 5000, deviceId: 1 }
`;

function problems(text: string): string[] {
  const r = parseFabConfigText(text, 'fab.yaml');
  if (r.ok) throw new Error('expected a refusal');
  return r.issues.map((i) => `${i.code} ${i.path ?? ''}`);
}

/** Parameters each wrong in one way, checked once the block's own fields are well formed. */
const BAD_PARAMETERS = `  parameters:
    - { name: chuckTemp, event: BonderStepEnded }
    - { name: tx, chart: { kind: xbar-r, subgroupSize: 5 } }
    - { name: yield, spec: { lsl: 1, usl: 0.5 } }
    - { name: tx }
    - { name: 9bad, event: E, variable: V }
`;

describe('spc settings', () => {
  it('charts the default parameters with I-MR on a 25-point baseline when the block is empty', () => {
    const s = spcSettingsSchema.parse({});
    const ps = spcParameters(s);
    expect(ps.map((p) => p.name)).toEqual([
      'yield',
      'tx',
      'ty',
      'rotation',
      'magnification',
      'residualX3s',
      'residualY3s',
      'voidCount',
      'bondForce',
      'chamberPressure',
    ]);
    expect(ps.every((p) => p.chart.kind === 'imr' && p.baselinePoints === 25)).toBe(true);
    expect(ps.find((p) => p.name === 'bondForce')?.source).toEqual({
      event: 'BonderStepEnded',
      variable: 'StepBondForce',
    });
    expect(ps.find((p) => p.name === 'yield')?.source).toBeUndefined();
  });

  it('changes a default parameter and adds one from an event variable', () => {
    const r = parseFabConfigText(
      `${BASE}spc:
  baselinePoints: 30
  parameters:
    - { name: yield, chart: { kind: ewma, lambda: 0.1 }, spec: { lsl: 0.8 } }
    - { name: chuckTemp, event: BonderStepEnded, variable: StepChuckTemperature, baselinePoints: 10 }
`,
      'fab.yaml',
    );
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const ps = spcParameters(r.value.spc ?? spcSettingsSchema.parse({}));
    expect(ps.find((p) => p.name === 'yield')).toEqual({
      name: 'yield',
      chart: { kind: 'ewma', lambda: 0.1, L: 3 },
      spec: { lsl: 0.8 },
      baselinePoints: 30,
    });
    expect(ps.find((p) => p.name === 'chuckTemp')).toMatchObject({
      source: { event: 'BonderStepEnded', variable: 'StepChuckTemperature' },
      baselinePoints: 10,
    });
    expect(ps.find((p) => p.name === 'tx')?.baselinePoints).toBe(30);
  });

  it('names every bad field of the spc block', () => {
    const p = problems(`${BASE}spc:
  baselinePoints: 1
  colour: red
  chart: { kind: ewma, lambda: 2 }
${BAD_PARAMETERS}`);
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^out-of-range spc\.baselinePoints$/),
        expect.stringMatching(/^unknown-key spc/),
        expect.stringMatching(/ spc\.chart\.lambda$/),
      ]),
    );
    // The cross-field checks run once the fields are well formed: a second text without the above.
    const q = problems(`${BASE}spc:
${BAD_PARAMETERS}`);
    expect(q).toEqual(
      expect.arrayContaining([
        'missing spc.parameters[0].variable',
        'missing spc.parameters[1].subgroup',
        'out-of-range spc.parameters[2].spec.usl',
        'duplicate spc.parameters[3].name',
      ]),
    );
    expect(q.some((l) => l.endsWith('spc.parameters[4].name'))).toBe(true);
  });

  it('charts X-bar R and X-bar S on subgroups of consecutive pairs', () => {
    const r = parseFabConfigText(
      `${BASE}spc:
  baselinePoints: 20
  subgroup: { by: pairs, size: 4 }
  parameters:
    - { name: tx, chart: { kind: xbar-r }, subgroup: { by: pairs, size: 5 } }
    - { name: ty, chart: { kind: xbar-s, subgroupSize: 4 } }
    - { name: yield }
`,
      'fab.yaml',
    );
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const ps = spcParameters(r.value.spc ?? spcSettingsSchema.parse({}));
    expect(ps.find((p) => p.name === 'tx')).toMatchObject({
      chart: { kind: 'xbar-r', subgroupSize: 5 },
      subgroup: { by: 'pairs', size: 5 },
      baselinePoints: 20,
    });
    // The block's subgroup is the default of an xbar parameter that names none.
    expect(ps.find((p) => p.name === 'ty')).toMatchObject({
      chart: { kind: 'xbar-s', subgroupSize: 4 },
      subgroup: { by: 'pairs', size: 4 },
    });
    // ... and nothing to an I-MR one.
    const y = ps.find((p) => p.name === 'yield');
    expect(y?.chart.kind).toBe('imr');
    expect(y?.subgroup).toBeUndefined();
  });

  it('names a bad subgroup: its size outside 2..25, by sites, on an individuals chart, or missing', () => {
    const p = problems(`${BASE}spc:
  parameters:
    - { name: tx, chart: { kind: xbar-r }, subgroup: { by: pairs, size: 1 } }
    - { name: ty, chart: { kind: xbar-s }, subgroup: { by: pairs, size: 26 } }
`);
    expect(p).toEqual(
      expect.arrayContaining([
        'out-of-range spc.parameters[0].subgroup.size',
        'out-of-range spc.parameters[1].subgroup.size',
      ]),
    );
    const q = problems(`${BASE}spc:
  parameters:
    - { name: tx, chart: { kind: xbar-r }, subgroup: { by: sites, size: 9 } }
    - { name: ty, subgroup: { by: pairs, size: 5 } }
    - { name: rotation, chart: { kind: xbar-s, subgroupSize: 4 }, subgroup: { by: pairs, size: 5 } }
`);
    expect(q).toEqual([
      'invalid-value spc.parameters[0].subgroup.by',
      'invalid-value spc.parameters[1].subgroup',
      'invalid-value spc.parameters[2].chart.subgroupSize',
    ]);
    const sites = parseFabConfigText(
      `${BASE}spc:\n  parameters: [{ name: tx, chart: { kind: xbar-r }, subgroup: { by: sites, size: 9 } }]\n`,
      'fab.yaml',
    );
    expect(sites.ok ? '' : sites.issues[0]?.message).toMatch(/rational subgroup/);
    // The block's own chart as X-bar R charts every default parameter: it needs the block's subgroup.
    expect(problems(`${BASE}spc:\n  chart: { kind: xbar-r }\n`)).toEqual(['missing spc.subgroup']);
  });
});
