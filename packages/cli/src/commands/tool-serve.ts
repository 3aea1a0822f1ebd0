// `bondline tool`: the simulated hybrid bonder as GEM equipment (passive HSMS) until SIGINT/SIGTERM.
// A host connects, goes online remote, selects a recipe (PP-SELECT) and starts lots (START); the tool
// reports everything through GEM (docs/tool.md §7). stdout says where it listens and follows the lots.
import { formatIssues } from '@bondline/core';
import { type SimulatedTool, startToolEquipment, type ToolEquipment } from '@bondline/tool';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printHelp, usageError } from '../usage.js';
import {
  checkConfigArg,
  checkProfileArg,
  openStateFolder,
  openToolOrFail,
  seedArg,
  speedArg,
} from './tool-options.js';

const TOOL_USAGE =
  'bondline tool [--port <p>] [--device-id <n>] [--host <addr>] [--config <tool.yaml>] [--speed max|<factor>]\n' +
  '       [--state-dir <dir>] [--profile immature|mature|<file.yaml>] [--seed <n>]';

const TOOL_HELP = `usage: ${TOOL_USAGE}
       bondline tool run --help   (one lot offline, no GEM)
  The simulated hybrid bonder as GEM equipment (HSMS passive side) until SIGINT or SIGTERM. A GEM
  host connects, establishes communications, goes ONLINE REMOTE (S1F17), selects a recipe
  (S2F41 PP-SELECT PPID=<name>) and starts a lot (S2F41 START LOTID=<id> PAIRS=<n>); pair results,
  lot start and end, steps, module and E10 states, alarms and trace data come as GEM messages.
  --port <p>         TCP port, 0 picks a free one (default the configuration's gem.port, 5000)
  --device-id <n>    HSMS session id, 0..32767 (default the configuration's gem.deviceId, 0, as
                     bondline host's and bondline equipment's)
  --host <addr>      address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --config <file>    tool configuration (default examples/tool/tool.yaml)
  --speed max|<f>    virtual time: as fast as the computation allows (max, the default) or <f> times
                     real time (1 is real time), 0 < f <= 1000000
  --state-dir <dir>  recipes (the GEM process programs, seeded from the shipped ones the first time),
                     constants, report definitions, enables and the spool, kept across restarts;
                     default a temporary folder removed at exit
  --profile <p>      fault profile: immature, mature or a profile file (default the configuration's)
  --seed <n>         seed of the twin, the fault engine and the step times (default 1)
Exit codes: 0 stopped by a signal, 2 bad arguments or files, or the port cannot be listened on.`;

/** `bondline tool [options]`: serve until a signal. */
export async function runToolServe(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      port: { type: 'string' },
      'device-id': { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      speed: { type: 'string' },
      'state-dir': { type: 'string' },
      profile: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'tool',
  );
  if (values.help === true) return printHelp(TOOL_HELP);
  if (positionals.length > 0) {
    throw usageError(`unknown sub-command '${positionals[0]}' (expected run, or options)`, TOOL_USAGE);
  }
  const port = numberArg('port', values.port, { integer: true, min: 0, max: 65535 });
  const deviceId = numberArg('device-id', values['device-id'], { integer: true, min: 0, max: 32767 });
  const pacing = speedArg(values.speed);
  const seed = seedArg(values.seed);
  await checkConfigArg(values.config);
  await checkProfileArg(values.profile);
  const state = await openStateFolder(values['state-dir']);
  let tool: SimulatedTool | undefined;
  let gem: ToolEquipment | undefined;
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  try {
    tool = await openToolOrFail(state.dir, seed, values, pacing);
    follow(tool, say);
    const started = await startToolEquipment(tool, {
      port: port ?? tool.config.gem.port,
      ...(values.host === undefined ? {} : { host: values.host }),
      ...(deviceId === undefined ? {} : { deviceId }),
      onIssue: (i) => process.stderr.write(`tool (${i.code}): ${i.message}\n`),
    });
    if (!started.ok) throw new CliError(formatIssues(started.issues));
    gem = started.value;
    // Listen for the signals before saying where the tool listens: whoever reads that line may
    // stop the tool at once.
    const signal = new Promise<string>((res) => {
      process.once('SIGINT', () => res('SIGINT'));
      process.once('SIGTERM', () => res('SIGTERM'));
    });
    gem.equipment.on('communication-state', (s) => say(`communication: ${s.to}`));
    gem.equipment.on('control-state', (s) => say(`control: ${s.to}`));
    const c = tool.config;
    say(
      state.temporary
        ? `state: ${state.dir} (temporary, removed at exit)`
        : `state: ${state.dir} (recipes/, constants, reports, enables, spool/)`,
    );
    say(`recipes: ${(await tool.recipes.list()).join(', ')}`);
    say(
      `${c.tool.model} ${c.tool.softwareRevision} (${c.tool.id}) device ${deviceId ?? c.gem.deviceId} listening on port ${gem.port}` +
        ` (profile ${tool.profileName}, seed ${seed}, speed ${values.speed ?? 'max'})`,
    );
    say(`${await signal}: stopping`);
    return 0;
  } finally {
    await gem?.close();
    await tool?.close();
    await state.remove();
  }
}

/** One stdout line per lot start, pair result, lot end and alarm: what an operator screen would show. */
function follow(tool: SimulatedTool, say: (line: string) => void): void {
  const t = tool.controller;
  t.on('lot-started', (l) => say(`lot ${l.lotId} started: ${l.pairs} pairs, recipe ${l.recipe}`));
  t.on('pair-result', (p) =>
    say(
      `pair ${p.pairId} done: yield ${(100 * p.yield).toFixed(1)} %, ${p.metrology.voids.length} voids, stack to ${p.destination.carrier}:${p.destination.slot}`,
    ),
  );
  t.on('lot-ended', (s) =>
    say(
      `lot ${s.lotId} ${s.outcome}: ${s.pairs} pairs, yield ${(100 * s.yield).toFixed(1)} %, ${s.pairsPerHour.toFixed(1)} pairs/h (bound ${s.boundPairsPerHour.toFixed(1)}), bottleneck ${s.bottleneck}`,
    ),
  );
  t.on('alarm', (a) =>
    say(
      `alarm ${a.set ? 'set' : 'cleared'}: ${a.fault.faultId} on ${a.fault.moduleId} (ALID ${a.fault.alid})`,
    ),
  );
}
