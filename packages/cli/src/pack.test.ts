// The packages as a user gets them: `npm pack` of the cli and every workspace package it depends on,
// installed into an empty folder, and `npx bondline` run there (compiled JavaScript, declared
// dependencies only: an import a package.json does not declare fails here).
import { execFile } from 'node:child_process';
import {
  copyFileSync,
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
});
