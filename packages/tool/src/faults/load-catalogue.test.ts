import { describe, expect, it } from 'vitest';
import { MODULE_KINDS } from '../module-kind.js';
import { catalogueFileSchema } from './catalogue-schema.js';
import { loadCatalogue, parseCatalogueText } from './load-catalogue.js';

/** One valid alarming point as YAML lines (two-space list indent under a kind). */
const POINT = (id: string, alid: number) => `    - id: ${id}
      name: Test point
      text: Something went wrong
      severity: error
      detection: sensor
      recovery: auto-retry
      recoveryS: 10
      alarm: { alid: ${alid}, alcd: 4 }
      effect: { stopsModule: true }`;

const file = (body: string) => `version: 1\npoints:\n${body}\n`;

function messages(text: string): string[] {
  const r = parseCatalogueText(text, 'cat.yaml');
  if (r.ok) throw new Error('expected the catalogue to be refused');
  return r.issues.map((i) => i.message);
}

describe('the shipped fault catalogue (examples/tool/faults.yaml)', () => {
  it('loads, with at least 240 points across every module kind and at least 40 silent ones', async () => {
    const r = await loadCatalogue();
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const c = r.value;
    expect(c.points.length).toBeGreaterThanOrEqual(240);
    for (const kind of MODULE_KINDS) expect(c.byKind.get(kind)?.length ?? 0).toBeGreaterThanOrEqual(15);
    const silent = c.points.filter((p) => !p.effect.stopsModule);
    expect(silent.length).toBeGreaterThanOrEqual(40);
    for (const p of silent) {
      expect(p.alarm).toBeUndefined();
      expect(['none', 'metrology']).toContain(p.detection);
    }
    for (const p of c.points.filter((x) => x.effect.stopsModule)) expect(p.alarm).toBeDefined();
    expect(new Set(c.points.map((p) => p.alarm?.alid).filter((a) => a !== undefined)).size).toBe(
      c.points.length - silent.length,
    );
  });

  it('has the silent effects the fab must find: particles, overlay drift and edge voids', async () => {
    const r = await loadCatalogue();
    if (!r.ok) throw new Error('catalogue');
    const silent = r.value.points.filter((p) => !p.effect.stopsModule);
    expect(silent.some((p) => (p.effect.extraParticles ?? 0) > 0)).toBe(true);
    expect(silent.some((p) => p.effect.overlayDrift !== undefined)).toBe(true);
    expect(silent.some((p) => (p.effect.edgeVoidProbability ?? 0) > 0)).toBe(true);
  });
});

describe('parseCatalogueText', () => {
  it('lists the module kinds of MODULE_KINDS, no more, no less', () => {
    expect(Object.keys(catalogueFileSchema.shape.points.shape)).toEqual([...MODULE_KINDS]);
  });

  it('reads a valid catalogue into points with their module kind', () => {
    const r = parseCatalogueText(file(`  bonder:\n${POINT('BD-ALIGN-001', 7001)}`), 'cat.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.value.points).toEqual([
      {
        id: 'BD-ALIGN-001',
        module: 'bonder',
        name: 'Test point',
        text: 'Something went wrong',
        severity: 'error',
        detection: 'sensor',
        recovery: 'auto-retry',
        recoveryS: 10,
        alarm: { alid: 7001, alcd: 4 },
        effect: { stopsModule: true },
      },
    ]);
    expect(r.value.byKind.get('plasma')).toEqual([]);
  });

  it('names file, line:col and key of a bad field', () => {
    const text = file(
      `  bonder:\n${POINT('BD-ALIGN-001', 7001).replace('severity: error', 'severity: fatal')}`,
    );
    // severity is on line 7 (version, points, bonder, id, name, text, severity), column 7.
    expect(messages(text)).toEqual([
      'cat.yaml:7:7: points.bonder[0].severity: "fatal" is not allowed; expected "info", "warning", "error", "critical"',
    ]);
  });

  it('refuses alarm text that is not ASCII or longer than E5 ALTX allows', () => {
    const long = 'x'.repeat(121);
    const text = file(
      `  bonder:\n${POINT('BD-ALIGN-001', 7001).replace('text: Something went wrong', 'text: Chuck at 23 °C')}\n${POINT(
        'BD-ALIGN-002',
        7002,
      ).replace('text: Something went wrong', `text: ${long}`)}`,
    );
    const m = messages(text);
    expect(m[0]).toMatch(/^cat\.yaml:6:7: points\.bonder\[0\]\.text: .*printable ASCII/);
    expect(m[1]).toMatch(/^cat\.yaml:15:7: points\.bonder\[1\]\.text: has 121 characters; at most 120/);
  });

  it('refuses an unknown module kind and names the known ones', () => {
    const m = messages(file(`  annealer:\n${POINT('AN-HEAT-001', 9001)}`));
    expect(m[0]).toMatch(
      /^cat\.yaml:3:3: points\.annealer: is not a known key \(known keys: loadport, robot/,
    );
  });

  it('refuses a bad id, an ALCD outside 1..8 and an unknown effect field', () => {
    const p = POINT('BD-ALIGN-001', 7001)
      .replace('id: BD-ALIGN-001', 'id: bd-align-1')
      .replace('alcd: 4', 'alcd: 9')
      .replace('{ stopsModule: true }', '{ stopsModule: true, drift: 3 }');
    const m = messages(file(`  bonder:\n${p}`));
    expect(m).toHaveLength(3);
    expect(m[0]).toMatch(/points\.bonder\[0\]\.id: "bd-align-1" is not a fault id/);
    expect(m[1]).toMatch(/points\.bonder\[0\]\.alarm\.alcd: 9 is not an integer 1\.\.8/);
    expect(m[2]).toMatch(/points\.bonder\[0\]\.effect\.drift: is not a known key/);
  });
});
