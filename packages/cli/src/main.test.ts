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
    for (const c of ['align', 'equipment', 'gate', 'host', 'overlay', 'r2r', 'sml', 'yield']) {
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
});
