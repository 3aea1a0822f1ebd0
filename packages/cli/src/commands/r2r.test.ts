import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../render/png.js';
import { hasStackTrace, runBondline } from './e2e.test-util.js';

const cli = (args: string[]) => runBondline('r2r', args);

const EXAMPLE = join(import.meta.dirname, '../../../../examples/r2r/drift-dewma.yaml');

describe('bondline r2r simulate (end to end)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bondline-r2r-'));

  it('prints a table of runs and the error over the last N runs; --plot writes a PNG', async () => {
    const png = join(dir, 'r2r.png');
    const audit = join(dir, 'audit.jsonl');
    const r = await cli(['simulate', '--config', EXAMPLE, '--plot', png, '--audit', audit]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`wrote ${png} (900x900 PNG)\nwrote ${audit} (488 records, JSON lines)\n`);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^\s+run\s+Tx u\s+Tx err\s+Ty u/);
    expect(lines.filter((l) => /^\s+\d+\s/.test(l))).toHaveLength(60);
    expect(r.stdout).toMatch(/^\s+40\s.*reset$/m);
    expect(r.stdout).toMatch(/error over the last 20 runs/);
    const tx = /^ {2}Tx\s+(\S+)\s+(\S+)\s+(\S+)/m.exec(r.stdout);
    // Controlled mean error is near 0, far below the uncontrolled one (offset 25 − 15 + 0.6·k ≈ 40 nm).
    expect(Math.abs(Number(tx?.[1]))).toBeLessThan(2);
    expect(Number(tx?.[3])).toBeGreaterThan(30);
    const img = decodePng(readFileSync(png));
    expect(img.width).toBe(900);
    // Audit: per run and correctable one recommend and one measure; maintenance adds a suspend and a reset each.
    const records = readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(60 * 4 * 2 + 4 * 2);
    expect(records[1]).toMatchObject({
      seq: 2,
      at: '2026-01-01T00:00:00.000Z',
      context: 'BND01/A/XT-128L/HB1',
      event: 'measure',
    });
    expect(records.filter((x) => x.event === 'reset').map((x) => x.at)).toEqual(
      Array(4).fill('2026-01-02T15:00:00.000Z'),
    );
  });

  it('--json gives the runs and summary; a double EWMA leaves no drift offset', async () => {
    const cfg = join(dir, 'drift.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        runs: 200,
        lastN: 50,
        correctables: {
          Tx: { process: { offset: 10, drift: 1 }, controller: { kind: 'dewma', w: 0.3, w2: 0.2 } },
          Ty: { process: { offset: 10, drift: 1 }, controller: { kind: 'ewma', w: 0.5 } },
        },
      }),
    );
    const r = await cli(['simulate', '--config', cfg, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.runs).toHaveLength(200);
    const [tx, ty] = j.summary;
    expect(Math.abs(tx.mean)).toBeLessThan(1e-6);
    // Single EWMA under drift d = 1 per run with w = 0.5: error d/w = 2 (see simulate.test.ts).
    expect(ty.mean).toBeCloseTo(2, 9);
  });

  it('warns on stderr when the weights can go unstable over the gain range', async () => {
    const cfg = join(dir, 'unstable.yaml');
    writeFileSync(
      cfg,
      'runs: 5\ncorrectables:\n  Mag:\n    process: { offset: 1 }\n    controller: { kind: ewma, w: 0.9, gainRatioRange: [0.5, 3] }\n',
    );
    const r = await cli(['simulate', '--config', cfg]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: Mag: EWMA w=0\.9 can go unstable: at gain ratio xi = 2\.2\d* .*xi in \(0, 2\.222\)/m,
    );
  });

  it('bad config: exit 2 naming the key (or line and column for YAML syntax), no stack trace', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'runs: 5\ncorrectables:\n  Tx:\n    process: { offset: x }\n    controller: { w: 2 }\n',
    );
    const r = await cli(['simulate', '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:4:16: correctables.Tx.process.offset: expected number, got "x"`);
    expect(r.stderr).toContain(
      `${bad}:5:19: correctables.Tx.controller.w: 2 is out of range; must be at most 1`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const syntax = join(dir, 'syntax.yaml');
    writeFileSync(syntax, 'runs: 5\ncorrectables: [\n');
    const s = await cli(['simulate', '--config', syntax]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/syntax\.yaml:\d+:\d+: YAML syntax: /);
    expect(await cli(['simulate'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/missing --config/),
    });
    expect((await cli(['simulate', '--config', EXAMPLE, '--every', '0'])).code).toBe(2);
  });

  describe('hostile configs: exit 2, the file, line and column and key, no stack trace', () => {
    const cases: [string, string | Uint8Array, RegExp][] = [
      [
        'huge.yaml',
        'runs: 1e9\ncorrectables:\n  Tx:\n    process: { offset: 1e300 }\n    controller: { w: 0 }\n',
        /huge\.yaml:1:1: runs: 1000000000 is out of range; must be at most 100000\n.*huge\.yaml:4:16: correctables\.Tx\.process\.offset: 1e\+300 is out of range; must be at most 1000000\n.*huge\.yaml:5:19: correctables\.Tx\.controller\.w: 0 is out of range; must be above 0/s,
      ],
      [
        'steps.yaml',
        `runs: 100000\ncorrectables:\n${['A', 'B', 'C', 'D', 'E'].map((k) => `  ${k}: { process: {}, controller: { w: 0.5 } }`).join('\n')}\n`,
        /steps\.yaml:1:1: runs: 100000 runs of 5 correctables are 500000 steps; at most 400000 are kept/,
      ],
      [
        'string.json',
        '{"correctables": {"Tx": {"process": {"offset": "5"}, "controller": {"w": 0.5}}}}',
        /string\.json:1:38: correctables\.Tx\.process\.offset: expected number, got "5"/,
      ],
      [
        'typo.yaml',
        'correctables:\n  Tx:\n    process: { ofset: 5 }\n    controller: { w: 0.5 }\n',
        /typo\.yaml:3:16: correctables\.Tx\.process\.ofset: is not a known key \(known keys: offset, drift, noise, gain, maintenanceStep\)/,
      ],
      ['empty.yaml', '', /empty\.yaml: \(top level\): expected object, got null/],
      [
        'bomb.yaml',
        [
          'a: &a [x, x, x, x, x, x, x, x, x]',
          ...'bcdefgh'
            .split('')
            .map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
        ].join('\n'),
        /bomb\.yaml: the aliases \(\*name\) in this file expand too far/,
      ],
      ['utf16.yaml', Uint8Array.from([0xfe, 0xff, 0x00, 0x72]), /utf16\.yaml: the file is UTF-16/],
      [
        'diverge.yaml',
        'runs: 5000\ncorrectables:\n  Mag:\n    process: { offset: 1, gain: 1000 }\n    controller: { w: 1, gain: 0.000001 }\n',
        /correctables\.Mag\.controller: the loop diverged until its numbers overflowed at run \d+/,
      ],
    ];
    for (const [name, content, message] of cases) {
      it(name, async () => {
        const file = join(dir, name);
        writeFileSync(file, content);
        const r = await cli(['simulate', '--config', file]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/internal error/);
        expect(hasStackTrace(r.stderr)).toBe(false);
      });
    }

    it('a byte-order mark before the YAML is accepted: the same simulation as without it', async () => {
      const bom = join(dir, 'bom.yaml');
      writeFileSync(bom, `\ufeff${readFileSync(EXAMPLE, 'utf8')}`);
      const [withBom, plain] = await Promise.all([
        cli(['simulate', '--config', bom, '--json']),
        cli(['simulate', '--config', EXAMPLE, '--json']),
      ]);
      expect(withBom.code).toBe(0);
      expect(withBom.stdout).toBe(plain.stdout);
    });
  });
});
