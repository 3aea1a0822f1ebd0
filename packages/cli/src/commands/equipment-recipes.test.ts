// Process programs of `bondline equipment`: a host's S7F3 and S7F17 change a working copy (in the state
// folder, or a temporary folder removed at exit), never the model's folder (examples/recipes).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runBondline, startBondline } from './e2e.test-util.js';
import { openRecipeFolder } from './equipment-recipes.js';

const dir = mkdtempSync(join(tmpdir(), 'bondline-recipes-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXAMPLES = join(REPO_ROOT, 'examples/recipes');
/** Every file of a folder with its contents. */
const snapshot = (d: string): Record<string, string> =>
  Object.fromEntries(readdirSync(d).map((f) => [f, readFileSync(join(d, f), 'utf8')]));

describe('openRecipeFolder', () => {
  it('seeds <state>/recipes once from the seed folder (files only), then keeps it', async () => {
    const seed = join(dir, 'seed');
    mkdirSync(join(seed, 'sub'), { recursive: true });
    writeFileSync(join(seed, 'A'), 'a');
    writeFileSync(join(seed, '.hidden'), 'h');
    const state = join(dir, 'state-1');
    const first = await openRecipeFolder(state, seed);
    expect(first).toEqual({ dir: join(state, 'recipes'), origin: `seeded with 1 from ${seed}` });
    expect(snapshot(first.dir)).toEqual({ A: 'a' });
    writeFileSync(join(first.dir, 'B'), 'b');
    rmSync(join(first.dir, 'A'));
    const again = await openRecipeFolder(state, seed);
    expect(again.origin).toBe('kept from an earlier run');
    expect(snapshot(again.dir)).toEqual({ B: 'b' });
    // Only the seeded folder (no staging folder left behind).
    expect(readdirSync(state)).toEqual(['recipes']);
    expect(readdirSync(seed).sort()).toEqual(['.hidden', 'A', 'sub']);
    expect(readFileSync(join(seed, 'A'), 'utf8')).toBe('a');
  });

  it('without a state folder: a temporary copy; a missing seed folder gives an empty one', async () => {
    const t = await openRecipeFolder(undefined, EXAMPLES);
    expect(t.dir.startsWith(tmpdir())).toBe(true);
    expect(snapshot(t.dir)).toEqual(snapshot(EXAMPLES));
    // Removed at process exit; a test worker may not get to run exit handlers, so remove it here.
    rmSync(t.dir, { recursive: true, force: true });
    const empty = await openRecipeFolder(join(dir, 'state-2'), join(dir, 'no-such-seed'));
    expect(empty.origin).toBe(`seeded with 0 from ${join(dir, 'no-such-seed')}`);
    expect(readdirSync(empty.dir)).toEqual([]);
  });
});

// S1F13 and ONLINE first (offline, the equipment answers S7 with S7F0), then download a new program,
// delete a shipped one and list what is left.
const CHANGE_PROGRAMS = [
  'S1F13 W <L>.',
  'S1F17 W.',
  'S7F3 W <L <A "FROM-HOST"> <B 0x41 0x42>>.',
  'S7F17 W <L <A "BOND-STD">>.',
  'S7F19 W.',
].join('\n');
const LIST_PROGRAMS = ['S1F13 W <L>.', 'S1F17 W.', 'S7F19 W.'].join('\n');

async function hostSession(port: number, script: string): Promise<string> {
  const r = await runBondline('host', ['--connect', `127.0.0.1:${port}`], script);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

async function startSimulator(args: string[]) {
  const sim = startBondline('equipment', ['--port', '0', '--model', 'examples/equipment.yaml', ...args]);
  const port = Number((await sim.printed(/listening on port (\d+)/))[1]);
  const programs = (await sim.printed(/^process programs: (.+) \((.+)\)$/m))[1]!;
  return { sim, port, programs };
}

describe('bondline equipment: S7F3 and S7F17 from a host', () => {
  it('without --state-dir change a temporary copy, removed at exit; examples/recipes untouched', async () => {
    const before = snapshot(EXAMPLES);
    const { sim, port, programs } = await startSimulator([]);
    expect(sim.out()).toMatch(
      /process programs: .* \(a temporary copy of 2 from examples\/recipes, removed at exit\)/,
    );
    const out = await hostSession(port, CHANGE_PROGRAMS);
    expect(out).toContain('<- S7F4 <B 0x00>.');
    expect(out).toContain('<- S7F18 <B 0x00>.');
    expect(out).toContain('<- S7F20 <L [2] <A "BOND-LOWFORCE"> <A "FROM-HOST">>.');
    expect(snapshot(programs)).toMatchObject({ 'FROM-HOST': 'AB' });
    expect(await sim.stop('SIGINT')).toBe(0);
    expect(existsSync(programs)).toBe(false);
    expect(snapshot(EXAMPLES)).toEqual(before);
  });

  it('with --state-dir the changes are kept across a restart (not seeded again); examples untouched', async () => {
    const before = snapshot(EXAMPLES);
    const state = join(dir, 'sim-state');
    const first = await startSimulator(['--state-dir', state]);
    expect(first.programs).toBe(join(state, 'recipes'));
    expect(first.sim.out()).toMatch(/\(seeded with 2 from examples\/recipes\)/);
    await hostSession(first.port, CHANGE_PROGRAMS);
    expect(await first.sim.stop('SIGTERM')).toBe(0);
    const second = await startSimulator(['--state-dir', state]);
    expect(second.sim.out()).toMatch(/\(kept from an earlier run\)/);
    const out = await hostSession(second.port, LIST_PROGRAMS);
    expect(out).toContain('<- S7F20 <L [2] <A "BOND-LOWFORCE"> <A "FROM-HOST">>.');
    expect(await second.sim.stop('SIGINT')).toBe(0);
    expect(snapshot(EXAMPLES)).toEqual(before);
  });

  it('a --state-dir that is a file, or inside a missing folder, is refused before listening', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const [file, missing] = await Promise.all([
      runBondline('equipment', [
        '--port',
        '0',
        '--model',
        'examples/equipment.yaml',
        '--state-dir',
        join(dir, 'a-file'),
      ]),
      runBondline('equipment', [
        '--port',
        '0',
        '--model',
        'examples/equipment.yaml',
        '--state-dir',
        join(dir, 'none', 'state'),
      ]),
    ]);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/--state-dir .*a-file: is a file, not a folder\n$/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--state-dir .*none.*: the folder .*none does not exist\n$/);
    expect(file.stdout + missing.stdout).not.toMatch(/listening/);
  });
});
