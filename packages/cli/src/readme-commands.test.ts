// Every `bondline ...` / `npx bondline ...` command line of the READMEs runs as written: exit 0 (gate's
// 3 is a decision), no stack trace, the output shown under a `$ ` prompt, and examples/ unchanged.
// Servers (`bondline equipment`, `bondline tool` without `run`) are started, their clients in the same
// block or paragraph run against them, and they are stopped with SIGINT (or end by themselves with
// --exit-after-scenario).
// Two liberties: `npx bondline` runs the built bin directly (one test checks that npx finds it), and
// the port a README names (5000 or 8080) is swapped for a free one, the same in the server and its clients.

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type CliRun,
  hasStackTrace,
  REPO_ROOT,
  runBondline,
  startBondline,
} from './commands/e2e.test-util.js';
import { type ReadmeCommand, readmeCommands } from './readme-commands.test-util.js';

const READMES = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'packages'))
    .map((p) => join('packages', p, 'README.md'))
    .filter((f) => {
      try {
        return statSync(join(REPO_ROOT, f)).isFile();
      } catch {
        return false;
      }
    }),
];
const COMMANDS = READMES.flatMap((f) => readmeCommands(f, readFileSync(join(REPO_ROOT, f), 'utf8')));
const GROUPS: [string, ReadmeCommand[]][] = [];
for (const c of COMMANDS) {
  const g = GROUPS.find(([name]) => name === c.group);
  if (g === undefined) GROUPS.push([c.group, [c]]);
  else g[1].push(c);
}

/** Exit codes that mean "it worked": gate's 3 is the re-clean decision on the example inspections. */
const okCodes = (words: string[]): number[] => (words[0] === 'gate' ? [0, 3] : [0]);

/**
 * A command that serves until stopped: the GEM equipment simulator, the tool (not `tool run`), and the
 * fab's long-running parts.
 */
const isServer = (args: string[]): boolean =>
  !args.includes('--help') &&
  (args[0] === 'equipment' ||
    (args[0] === 'tool' && args[1] !== 'run') ||
    (args[0] === 'fab' && ['up', 'serve', 'collect', 'store'].includes(args[1] ?? '')));

/** What a server prints once it serves. */
const SERVING = /listening on port \d+|^fab up: running at http|^api: http|^collecting from|^store writer:/m;

/** Shell words of a simple command line (single and double quotes; no expansion). */
function words(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The arguments after `bondline` (or `npx bondline`). */
const bondlineArgs = (text: string): string[] => words(text.replace(/^npx /, '')).slice(1);

/** A working folder per group: `examples` is the repository's (so writes to it would show). */
function workFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bondline-readme-'));
  symlinkSync(join(REPO_ROOT, 'examples'), join(dir, 'examples'));
  return dir;
}

/** A pipeline (`printf ... | bondline ...`) through /bin/sh with `bondline` on the PATH. */
function runPiped(text: string, cwd: string): Promise<CliRun> {
  const bin = join(cwd, '.bin');
  const shim = join(bin, 'bondline');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    shim,
    `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, 'packages/cli/bin/bondline.js')}" "$@"\n`,
  );
  chmodSync(shim, 0o755);
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', text.replace(/\bnpx bondline\b/g, 'bondline')],
      { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } },
      (err, stdout, stderr) =>
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr }),
    );
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as { port: number };
  await new Promise((res) => server.close(res));
  return port;
}

/** A digest of every file under examples/ (names and contents). */
function examplesDigest(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      h.update(relative(REPO_ROOT, p));
      if (e.isDirectory()) walk(p);
      else h.update(readFileSync(p));
    }
  };
  walk(join(REPO_ROOT, 'examples'));
  return h.digest('hex');
}

const where = (c: ReadmeCommand) => `${c.file}:${c.line}: ${c.text}`;

function expectWorked(c: ReadmeCommand, r: CliRun): void {
  expect(okCodes(bondlineArgs(c.text)), `${where(c)}\n${r.stderr}`).toContain(r.code);
  expect(hasStackTrace(r.stderr), where(c)).toBe(false);
  expect(r.stderr, where(c)).not.toMatch(/internal error/);
  if (c.shown !== undefined) expect(r.stdout, where(c)).toBe(c.shown);
}

describe('readmeCommands', () => {
  it('finds command lines in fences (with the output shown), indented blocks and inline spans', () => {
    const md = [
      '## `bondline yield`',
      '',
      '    bondline yield <config> [--json]',
      '    bondline yield: --mc needs a value',
      '',
      'Run `npx bondline gate --top a.klarf',
      '--bottom b.klarf` or mention `bondline sml` and `bondline equipment`.',
      '',
      '```',
      "$ printf 'S1F1 W <L>.' | bondline sml encode -",
      '0101',
      '',
      '$ bondline align --help',
      '```',
      '',
      'A bare `bondline demo` in text is a mention;',
      '',
      '    npx bondline demo',
    ].join('\n');
    expect(readmeCommands('R.md', md)).toEqual([
      { file: 'R.md', line: 6, text: 'npx bondline gate --top a.klarf --bottom b.klarf', group: 'R.md:6' },
      {
        file: 'R.md',
        line: 10,
        text: "printf 'S1F1 W <L>.' | bondline sml encode -",
        shown: '0101\n',
        group: 'R.md:9',
      },
      { file: 'R.md', line: 13, text: 'bondline align --help', group: 'R.md:9' },
      { file: 'R.md', line: 18, text: 'npx bondline demo', group: 'R.md:17' },
    ]);
  });
});

describe('the READMEs', () => {
  it('have command lines to check (the extraction finds the known ones)', () => {
    const texts = COMMANDS.map((c) => c.text);
    expect(texts).toContain(
      'npx bondline yield examples/yield.yaml --json --csv dies.csv --map yield-map.png',
    );
    expect(texts).toContain('npx bondline demo');
    expect(texts).toContain("printf 'S1F1 W.\\n' | bondline sml encode --frame --session 100 --system 123 -");
    expect(COMMANDS.length).toBeGreaterThan(10);
  });

  it('the root demo script is a command the README quotes (so it runs here)', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: { demo: string };
    };
    const root = COMMANDS.filter((c) => c.file === 'README.md').map((c) => c.text.replace(/^npx /, ''));
    expect(root).toContain(pkg.scripts.demo);
  });

  it('npx bondline finds the workspace bin from the repository root', async () => {
    const r = await new Promise<CliRun>((resolve) =>
      execFile(
        'npx',
        ['--no-install', 'bondline', '--version'],
        { cwd: REPO_ROOT, encoding: 'utf8' },
        (err, stdout, stderr) =>
          resolve({
            code: err === null ? 0 : typeof err.code === 'number' ? err.code : null,
            stdout,
            stderr,
          }),
      ),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^bondline \d+\.\d+\.\d+\n$/);
  });

  const before = examplesDigest();

  describe.each(GROUPS)('%s', (_group, commands) => {
    it(`runs as written: ${commands.map((c) => c.text).join(' ; ')}`, async () => {
      const cwd = workFolder();
      const port = String(await freePort());
      const own = (text: string) => text.replace(/(--port |127\.0\.0\.1:)(5000|8080)\b/g, `$1${port}`);
      const servers = [];
      for (const c of commands) {
        const args = bondlineArgs(own(c.text));
        if (isServer(args) && !c.text.includes('|')) {
          const server = startBondline(args[0]!, args.slice(1), { cwd });
          await server.printed(SERVING);
          servers.push({ c, server, endsItself: args.includes('--exit-after-scenario') });
          continue;
        }
        const r = c.text.includes('|')
          ? await runPiped(own(c.text), cwd)
          : await runBondline(args[0]!, args.slice(1), '', { cwd });
        expectWorked(c, r);
      }
      for (const { c, server, endsItself } of servers) {
        const code = endsItself ? await server.exited : await server.stop('SIGINT');
        expect(code, `${where(c)}\n${server.err()}`).toBe(0);
        expect(hasStackTrace(server.err()), where(c)).toBe(false);
      }
      rmSync(cwd, { recursive: true, force: true });
    }, 180_000);
  });

  it('leave examples/ as it was', () => {
    expect(examplesDigest()).toBe(before);
  });
});
