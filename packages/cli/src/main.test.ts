import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runBondline } from './commands/e2e.test-util.js';

const pkgVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

describe('bondline (the built command)', () => {
  it('--version prints the cli package version and exits 0', async () => {
    const r = await runBondline('--version', []);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`bondline ${pkgVersion}\n`);
  });

  it('--help lists every command and exits 0; no arguments prints it and exits 2', async () => {
    const help = await runBondline('--help', []);
    expect(help.code).toBe(0);
    for (const c of [
      'align',
      'demo',
      'equipment',
      'fab',
      'gate',
      'host',
      'overlay',
      'r2r',
      'sml',
      'tool',
      'yield',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    }
    const none = await runBondline('', []);
    expect(none.code).toBe(2);
  });

  it('an unknown command exits 2 naming it, without a stack trace', async () => {
    const r = await runBondline('bond-it', []);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'bond-it'");
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it.concurrent.each([
    ['yield', ['examples/yield.yaml']],
    ['gate', []],
    ['overlay', ['fit', 'x.csv']],
    ['r2r', ['simulate']],
    ['align', ['synth']],
    ['align', ['register', 'x.png']],
    ['sml', ['encode', '-']],
    ['equipment', []],
    ['host', []],
    ['tool', []],
    ['demo', []],
  ])("bondline %s %j --foo: the command's own message, exit 2", async (command, args) => {
    const r = await runBondline(command, [...args, '--foo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`bondline ${command}: unknown option --foo (see bondline ${command} --help)\n`);
  });

  it.concurrent('missing values and implausible numbers are refused naming the option and the range', async () => {
    const cases: [string, string[], string][] = [
      [
        'yield',
        ['examples/yield.yaml', '--mc'],
        'bondline yield: --mc needs a value (see bondline yield --help)\n',
      ],
      [
        'yield',
        ['examples/yield.yaml', '--mc', '1e300'],
        'bondline yield: --mc: 1e300 is out of range; allowed: an integer from 1 to 100000\n',
      ],
      [
        'yield',
        ['examples/yield.yaml', '--mc', '5', '--seed', '-1'],
        'bondline yield: --seed: -1 is out of range; allowed: an integer from 0 to 9007199254740991\n',
      ],
      [
        'equipment',
        ['--port', '70000', '--model', 'examples/equipment.yaml'],
        'bondline equipment: --port: 70000 is out of range; allowed: an integer from 0 to 65535\n',
      ],
      [
        'host',
        ['--connect', '127.0.0.1:70000'],
        'bondline host: --connect: port 70000 is out of range; allowed: an integer from 1 to 65535\n',
      ],
    ];
    const runs = await Promise.all(cases.map(([c, a]) => runBondline(c, a)));
    runs.forEach((r, i) => {
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(cases[i]![2]);
      expect(r.stderr).not.toMatch(/argument missing|To specify a positional/);
    });
  });
});
