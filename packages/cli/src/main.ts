import { readFileSync } from 'node:fs';
import { CliError } from './cli-error.js';

/** A sub-command: gets its own argv, returns the exit code. */
export type Command = (argv: string[]) => Promise<number>;

interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

// Sub-commands are loaded on demand so that `bondline sml` does not pay for physics.
const commands: Record<string, CommandEntry> = {
  // <commands> (one line per command; keep sorted)
  align: { summary: 'alignment marks', load: async () => (await import('./commands/align.js')).run },
  demo: {
    summary: 'a lot on the simulated bonder driven by a GEM host, with maps',
    load: async () => (await import('./commands/demo.js')).run,
  },
  equipment: {
    summary: 'GEM equipment simulator from a model',
    load: async () => (await import('./commands/equipment.js')).run,
  },
  fab: {
    summary: "the fab side: collect, store and serve every bonder's data",
    load: async () => (await import('./commands/fab.js')).run,
  },
  gate: {
    summary: 'pre-bond particle gate: bond or re-clean',
    load: async () => (await import('./commands/gate.js')).run,
  },
  host: {
    summary: 'scriptable GEM host: send SML, print replies and events',
    load: async () => (await import('./commands/host.js')).run,
  },
  overlay: { summary: 'overlay model fits', load: async () => (await import('./commands/overlay.js')).run },
  r2r: { summary: 'R2R control simulation', load: async () => (await import('./commands/r2r.js')).run },
  sml: { summary: 'SML <-> SECS-II bytes as hex', load: async () => (await import('./commands/sml.js')).run },
  tool: {
    summary: 'the simulated hybrid bonder: GEM equipment, or `tool run` for one lot',
    load: async () => (await import('./commands/tool.js')).run,
  },
  yield: {
    summary: 'bond yield of a wafer pair',
    load: async () => (await import('./commands/yield.js')).run,
  },
};

function help(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`);
  return [
    'usage: bondline <command> [options]',
    '',
    'commands:',
    ...rows,
    '',
    'bondline <command> --help for the options of one command; bondline --version for the version.',
  ].join('\n');
}

/** The version in the cli package's package.json (one folder up from both src/ and dist/). */
function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const v = typeof pkg === 'object' && pkg !== null ? (pkg as { version?: unknown }).version : undefined;
  return typeof v === 'string' ? v : 'unknown';
}

/** Run the CLI; returns the process exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`bondline ${version()}\n`);
    return 0;
  }
  const entry = commands[name];
  if (entry === undefined) {
    process.stderr.write(`bondline: unknown command '${name}'\n\n${help()}\n`);
    return 2;
  }
  try {
    const run = await entry.load();
    return await run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`bondline ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`bondline ${name}: internal error: ${msg}\n`);
    if (process.env.BONDLINE_DEBUG === '1' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
