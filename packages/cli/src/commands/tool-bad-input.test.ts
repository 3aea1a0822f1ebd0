// End to end: bad options of `bondline tool run`, `bondline tool` and `bondline demo` are refused
// before the tool runs, with exit 2, one message naming the option, nothing on stdout and no stack.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliRun, hasStackTrace, runBondline } from './e2e.test-util.js';

const dir = mkdtempSync(join(tmpdir(), 'bondline-tool-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const aFile = join(dir, 'a-file.txt');
writeFileSync(aFile, 'not a folder\n');
const badProfile = join(dir, 'profile.yaml');
writeFileSync(badProfile, 'name: p\nrates: {}\nbogus: 1\n');

/** A refusal: exit 2, nothing on stdout, stderr holding every part, no stack trace. */
function refused(r: CliRun, ...parts: string[]): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  for (const p of parts) expect(r.stderr).toContain(p);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(r.stderr).not.toMatch(/internal error/);
}

const toolRun = (...args: string[]) => runBondline('tool', ['run', ...args]);

describe.concurrent('bondline tool run: bad options', { timeout: 120_000 }, () => {
  it('an unknown recipe names --recipe and the recipes there are', async () => {
    refused(
      await toolRun('--recipe', 'BOND-FAST', '--pairs', '1'),
      "bondline tool: --recipe: no recipe 'BOND-FAST' in ",
      '(recipes: BOND-STD, CLEAN-LONG, INSPECT-FULL)',
    );
  });

  it('a profile that is neither shipped nor a file, a missing file, a file that is not a profile', async () => {
    refused(
      await toolRun('--profile', 'mid-life'),
      "bondline tool: --profile: 'mid-life' is not a shipped profile (immature, mature)",
    );
    refused(
      await toolRun('--profile', join(dir, 'nope.yaml')),
      `--profile: file not found: ${join(dir, 'nope.yaml')}`,
    );
    const r = await toolRun('--profile', badProfile);
    refused(r, 'cannot open the tool', `--profile: ${badProfile}`);
  });

  it('--pairs out of range: below 1, beyond a carrier, not a number', async () => {
    const [zero, many, word] = await Promise.all([
      toolRun('--pairs', '0'),
      toolRun('--pairs', '26'),
      toolRun('--pairs', 'ten'),
    ]);
    refused(zero, '--pairs: 0 is out of range; allowed: an integer from 1 to 1000');
    refused(
      many,
      '--pairs: 26 is out of range; allowed: an integer from 1 to 25 (the slots of a carrier in ',
    );
    refused(word, "--pairs: 'ten' is not a number");
  });

  it('--seed, --config, unknown options and arguments', async () => {
    const [seed, config, option, arg] = await Promise.all([
      toolRun('--seed', '-1'),
      toolRun('--config', join(dir, 'tool.yaml')),
      toolRun('--speed', 'max'),
      toolRun('lot-7'),
    ]);
    refused(seed, '--seed: -1 is out of range; allowed: an integer from 0 to 4294967295');
    refused(config, `--config: file not found: ${join(dir, 'tool.yaml')}`);
    refused(option, 'unknown option --speed (see bondline tool run --help)');
    refused(arg, "unexpected argument 'lot-7'");
  });

  it('an --out that cannot be written: a file, a folder in a missing folder', async () => {
    const [file, missing] = await Promise.all([
      toolRun('--out', aFile, '--pairs', '1'),
      toolRun('--out', join(dir, 'no', 'out'), '--pairs', '1'),
    ]);
    refused(file, `--out ${aFile}: is a file, not a folder`);
    refused(missing, `--out ${join(dir, 'no', 'out')}`);
  });
});

describe.concurrent('bondline tool: bad options', { timeout: 120_000 }, () => {
  it('a bad port, device id or speed names the option', async () => {
    const [port, device, speed, word] = await Promise.all([
      runBondline('tool', ['--port', '70000']),
      runBondline('tool', ['--device-id', '40000']),
      runBondline('tool', ['--speed', '0']),
      runBondline('tool', ['--speed', 'fast']),
    ]);
    refused(port, 'bondline tool: --port: 70000 is out of range; allowed: an integer from 0 to 65535');
    refused(device, '--device-id: 40000 is out of range; allowed: an integer from 0 to 32767');
    refused(speed, "--speed: speed '0' is neither 'max' nor a factor");
    refused(word, "--speed: speed 'fast' is neither 'max' nor a factor");
  });

  it('a --state-dir that is a file, an unknown sub-command', async () => {
    const [state, sub] = await Promise.all([
      runBondline('tool', ['--port', '0', '--state-dir', aFile]),
      runBondline('tool', ['serve']),
    ]);
    refused(state, `--state-dir ${aFile}: is a file, not a folder`);
    refused(sub, "unknown sub-command 'serve'");
  });
});

describe.concurrent('bondline demo: bad options', { timeout: 120_000 }, () => {
  it('pairs, profile, recipe and --out are checked before the demo starts', async () => {
    const [pairs, profile, recipe, out] = await Promise.all([
      runBondline('demo', ['--pairs', '30']),
      runBondline('demo', ['--profile', 'senior']),
      runBondline('demo', ['--recipe', 'NOPE', '--pairs', '1', '--out', join(dir, 'demo-out')]),
      runBondline('demo', ['--out', aFile]),
    ]);
    refused(pairs, 'bondline demo: --pairs: 30 is out of range; allowed: an integer from 1 to 25');
    refused(profile, "--profile: 'senior' is not a shipped profile");
    refused(recipe, "--recipe: no recipe 'NOPE'");
    refused(out, `--out ${aFile}: is a file, not a folder`);
  });
});
