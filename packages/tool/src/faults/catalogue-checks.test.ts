import { describe, expect, it } from 'vitest';
import { parseCatalogueText } from './load-catalogue.js';

const point = (o: { id: string; alarm?: string; effect?: string; detection?: string }) =>
  [
    `    - id: ${o.id}`,
    '      name: Test point',
    '      text: Something went wrong',
    '      severity: error',
    `      detection: ${o.detection ?? 'sensor'}`,
    '      recovery: auto-retry',
    '      recoveryS: 10',
    ...(o.alarm === undefined ? [] : [`      alarm: ${o.alarm}`]),
    `      effect: ${o.effect ?? '{ stopsModule: true }'}`,
  ].join('\n');

function refused(body: string): { code: string; message: string }[] {
  const r = parseCatalogueText(`version: 1\npoints:\n${body}\n`, 'cat.yaml');
  if (r.ok) throw new Error('expected the catalogue to be refused');
  return r.issues.map((i) => ({ code: i.code, message: i.message }));
}

describe('checkCatalogue (through parseCatalogueText)', () => {
  it('refuses a duplicate id and a duplicate ALID, naming where the first one is', () => {
    const issues = refused(
      [
        '  plasma:',
        point({ id: 'PL-RF-001', alarm: '{ alid: 4001, alcd: 4 }' }),
        point({ id: 'PL-RF-001', alarm: '{ alid: 4002, alcd: 4 }' }),
        point({ id: 'PL-RF-003', alarm: '{ alid: 4001, alcd: 4 }' }),
      ].join('\n'),
    );
    expect(issues).toEqual([
      {
        code: 'duplicate-id',
        message: 'cat.yaml:13:7: points.plasma[1].id: PL-RF-001 is already the id at 4:7',
      },
      {
        code: 'duplicate-alid',
        message: 'cat.yaml:29:16: points.plasma[2].alarm.alid: ALID 4001 is already used at 11:16',
      },
    ]);
  });

  it('refuses an id whose prefix is not its module', () => {
    const issues = refused(
      ['  clean:', point({ id: 'PL-RF-001', alarm: '{ alid: 1, alcd: 4 }' })].join('\n'),
    );
    expect(issues.map((i) => i.code)).toEqual(['wrong-prefix']);
    expect(issues[0]?.message).toMatch(/PL-RF-001 is listed under clean; its id must start with CL-/);
  });

  it('an alarming point needs an alarm; a silent one has none, is not detected and degrades something', () => {
    const issues = refused(
      [
        '  bonder:',
        point({ id: 'BD-PIN-001' }),
        point({
          id: 'BD-PIN-002',
          alarm: '{ alid: 2, alcd: 4 }',
          effect: '{ stopsModule: false, edgeVoidProbability: 0.1 }',
        }),
        point({ id: 'BD-PIN-003', detection: 'none', effect: '{ stopsModule: false }' }),
        point({
          id: 'BD-PIN-004',
          alarm: '{ alid: 4, alcd: 4 }',
          effect: '{ stopsModule: true, activeS: 60 }',
        }),
      ].join('\n'),
    );
    expect(issues.map((i) => i.code)).toEqual([
      'alarm-missing',
      'silent-with-alarm',
      'silent-detected',
      'silent-without-effect',
      'active-on-alarm',
    ]);
    expect(issues[0]?.message).toMatch(
      /^cat\.yaml:\d+:\d+: points\.bonder\[0\]\.effect\.stopsModule: BD-PIN-001 stops/,
    );
    expect(issues[2]?.message).toMatch(/BD-PIN-002 is silent, so no sensor reports it/);
  });

  it('accepts a silent point found by metrology after the fact', () => {
    const r = parseCatalogueText(
      `version: 1\npoints:\n  inspection:\n${point({ id: 'IN-CAL-001', detection: 'metrology', effect: '{ stopsModule: false, overlayDrift: { Tx: 8 } }' })}\n`,
      'cat.yaml',
    );
    expect(r.ok).toBe(true);
  });

  it('refuses a catalogue without points', () => {
    expect(refused('  bonder: []').map((i) => i.code)).toEqual(['empty-catalogue']);
  });
});
