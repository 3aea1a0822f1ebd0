// The packages as a user gets them: `npm pack` of the cli and every workspace package it depends on,
// installed into an empty folder, and `npx bondline` run there (compiled JavaScript, declared
// dependencies only: an import a package.json does not declare fails here).
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './commands/e2e.test-util.js';

const run = promisify(execFile);

/** The cli and the workspace packages it depends on, directly or not. */
function workspaceClosure(): string[] {
  const byName = new Map<string, Record<string, string>>();
  for (const dir of readdirSync(join(REPO_ROOT, 'packages'))) {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', dir, 'package.json'), 'utf8')) as {
      name: string;
      dependencies?: Record<string, string>;
    };
    byName.set(pkg.name, pkg.dependencies ?? {});
  }
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || !byName.has(name)) return;
    seen.add(name);
    for (const dep of Object.keys(byName.get(name)!)) visit(dep);
  };
  visit('bondline');
  return [...seen];
}

let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bondline-pack-'));
  const tgz = join(dir, 'tgz');
  const app = join(dir, 'app');
  mkdirSync(tgz);
  mkdirSync(app);
  const workspaces = workspaceClosure().flatMap((n) => ['-w', n]);
  await run('npm', ['pack', ...workspaces, '--pack-destination', tgz], { cwd: REPO_ROOT });
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
  const tarballs = readdirSync(tgz).map((f) => join(tgz, f));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs], { cwd: app });
  copyFileSync(join(REPO_ROOT, 'examples/yield.yaml'), join(app, 'yield.yaml'));
  // The tool's configuration with the files it names (bond physics, fault catalogue, recipes) and a
  // profile, as a user keeps them beside the project.
  cpSync(join(REPO_ROOT, 'examples/tool'), join(app, 'tool'), { recursive: true });
}, 240_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('npm pack of the cli and its packages', () => {
  it('installs into an empty folder, and npx bondline yield runs there', async () => {
    const app = join(dir, 'app');
    const r = await run('npx', ['--no-install', 'bondline', 'yield', 'yield.yaml'], { cwd: app });
    expect(r.stdout).toMatch(/yield total\s+0\.\d+/);
    const v = await run('npx', ['--no-install', 'bondline', '--version'], { cwd: app });
    expect(v.stdout).toMatch(/^bondline \d+\.\d+\.\d+/);
  });

  it("the simulated tool runs there with the examples it ships, and with a user's own files", async () => {
    const app = join(dir, 'app');
    // No --config, a shipped profile by name: the tool package's own copy of examples/tool.
    const shipped = await run(
      'npx',
      ['--no-install', 'bondline', 'tool', 'run', '--profile', 'immature', '--pairs', '2', '--json'],
      { cwd: app },
    );
    const doc = JSON.parse(shipped.stdout) as { lot: { pairs: number }; pairs: { id: string }[] };
    expect(doc.lot.pairs).toBe(2);
    expect(doc.pairs.map((p) => p.id)).toEqual(['LOT-1-P01', 'LOT-1-P02']);
    const files = ['--config', 'tool/tool.yaml', '--profile', 'tool/profiles/immature.yaml'];
    const own = await run(
      'npx',
      ['--no-install', 'bondline', 'tool', 'run', ...files, '--pairs', '1', '--json'],
      {
        cwd: app,
      },
    );
    expect((JSON.parse(own.stdout) as { lot: { pairs: number } }).lot.pairs).toBe(1);
    const demo = await run('npx', ['--no-install', 'bondline', 'demo', '--pairs', '2'], {
      cwd: app,
    });
    expect(demo.stdout).toContain('lot DEMO-1 completed: 2 pairs, recipe BOND-STD');
    expect(readdirSync(join(app, 'demo-out'))).toContain('DEMO-1-P02-dies.png');
  });
});
