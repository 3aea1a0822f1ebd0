// `bondline equipment`: a GEM equipment simulator from a declarative model, listening as the HSMS
// passive side until SIGINT/SIGTERM, so that host developers can test against it. An operator script
// (`--scenario`) or console (`--operator`) fires events, sets alarms and variables, drops the link.

import { dirname, extname, join, relative, resolve } from 'node:path';
import { SeededRandom } from '@bondline/align';
import { formatIssues } from '@bondline/core';
import {
  type EquipmentModel,
  GemEquipment,
  HsmsPassiveEndpoint,
  HsmsSession,
  isProgrammerError,
  jsonStateStore,
  OperatorRunner,
  type OperatorRunResult,
  type OperatorScript,
  parseModelText,
  recipeDirectory,
  Spool,
} from '@bondline/secs';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { checkOutputFolder } from '../output-files.js';
import { printHelp, usageError } from '../usage.js';
import { drainTransactions, loadScenario, OperatorConsole, runScenario } from './equipment-operator.js';
import { openRecipeFolder } from './equipment-recipes.js';
import { readTextInput } from './text-input.js';

const USAGE =
  'bondline equipment --port <p> [--device-id n] --model <file.yaml> [--state-dir dir] [--host addr]\n' +
  '       [--scenario file] [--operator] [--seed n] [--exit-after-scenario]';

const HELP = `usage: ${USAGE}
  --port 0 picks a free port (printed on start).
  --device-id n overrides the model's deviceId (default 0, as bondline host's).
  --state-dir keeps constants, reports, alarm enables and limits across restarts, spools events
      while the link is down (when the host selected them with S2F43), and keeps the process programs
      in <dir>/recipes, copied from the model's processPrograms.directory on first start. Without it
      the programs are a temporary copy removed at exit: a host's S7F3/S7F17 never change the model's
      folder.
  --scenario runs an operator script once listening; the simulator keeps serving the host after it
      ends, unless --exit-after-scenario (exit 0 when it finished, 1 when a command failed).
  --operator reads operator commands from stdin, one per line.
  --seed seeds 'uniform' and 'normal' values (default 1): the same seed gives the same run.
Operator commands (# comments; names are checked against the model before anything runs):
  set <var> [=] <value>   value of the declared type, +N/-N relative, uniform <lo> <hi>,
                          normal <mean> <sd>; \${i} is the innermost repeat counter
  event <name|ceid>       alarm set|clear <alid ...>      process <event> (e.g. START)
  online | offline | local | remote    drop (close the TCP connection without Separate)
  wait processing <state> | wait control <state> | wait communicating | wait selected [timeout <ms>]
  sleep <ms>   repeat <n> ... end   say <text>   status`;

/** Run the simulator; resolves with the exit code once a signal (or, with --exit-after-scenario, the scenario) ends it. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      port: { type: 'string' },
      'device-id': { type: 'string' },
      model: { type: 'string' },
      'state-dir': { type: 'string' },
      host: { type: 'string' },
      scenario: { type: 'string' },
      operator: { type: 'boolean' },
      seed: { type: 'string' },
      'exit-after-scenario': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'equipment',
  );
  if (values.help === true) return printHelp(HELP);
  const port = numberArg('port', values.port, { integer: true, min: 0, max: 65535 });
  if (port === undefined) throw usageError('--port is required', USAGE);
  if (values.model === undefined) throw usageError('--model is required', USAGE);
  await checkOutputFolder('--state-dir', values['state-dir']);
  const model = await loadModel(values.model);
  const deviceId = numberArg('device-id', values['device-id'], { integer: true, min: 0, max: 32767 });
  if (deviceId !== undefined) model.deviceId = deviceId;
  const exitAfterScenario = values['exit-after-scenario'] === true;
  if (exitAfterScenario && values.scenario === undefined)
    throw usageError('--exit-after-scenario needs --scenario', USAGE);
  const seed = numberArg('seed', values.seed, { integer: true, min: 0, max: 0xffffffff }) ?? 1;
  const scenario = values.scenario === undefined ? undefined : await loadScenario(values.scenario, model);

  const stateDir = values['state-dir'];
  // The model's folder only seeds the programs a host may then change (S7F3, S7F17).
  const seedDir = relative('.', resolve(dirname(values.model), model.processPrograms.directory)) || '.';
  const recipes = await openRecipeFolder(stateDir, seedDir);
  const spool = stateDir === undefined ? undefined : await openSpool(stateDir, model);
  const session = new HsmsSession({ sessionId: model.deviceId });
  const equipment = new GemEquipment({
    model,
    session,
    recipes: recipeDirectory(recipes.dir),
    ...(stateDir === undefined ? {} : { store: jsonStateStore(stateDir) }),
    ...(spool === undefined ? {} : { spool }),
  });
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  equipment.on('communication-state', (s) => say(`communication: ${s.to}`));
  equipment.on('control-state', (s) => say(`control: ${s.to}`));
  equipment.on('processing-state', (s) => say(`processing: ${s.to} (${s.event})`));
  equipment.on('constants-changed', (c) => say(`constants changed: ${c.ecids.join(' ')}`));
  equipment.on('terminal', (t) => say(`terminal ${t.terminal}: ${t.lines.join(' | ')}`));
  equipment.on('error', (e) => process.stderr.write(`equipment (${e.code}): ${e.message}\n`));
  session.on('error', (e) => process.stderr.write(`hsms: ${e.message}\n`));
  try {
    await equipment.start();
  } catch (err) {
    // A state file or store that cannot be read is the user's to fix; a bug keeps its stack.
    if (isProgrammerError(err)) throw err;
    throw new CliError(`cannot start: ${(err as Error).message}`);
  }
  const endpoint = new HsmsPassiveEndpoint(session, {
    port,
    ...(values.host === undefined ? {} : { host: values.host }),
  });
  let bound: { port: number };
  try {
    bound = await endpoint.listen();
  } catch (err) {
    if (isProgrammerError(err)) throw err;
    throw new CliError(`cannot listen on port ${port}: ${(err as Error).message}`);
  }
  // Listen for the signals before saying where the simulator listens: whoever reads that line may
  // stop it at once.
  const signal = new Promise<string>((res) => {
    const stop = (s: string) => () => res(s);
    process.once('SIGINT', stop('SIGINT'));
    process.once('SIGTERM', stop('SIGTERM'));
  });
  if (stateDir !== undefined)
    say(`state: ${stateDir} (constants, reports, enables, limits, spool/, recipes/)`);
  say(`process programs: ${recipes.dir} (${recipes.origin})`);
  say(
    `${model.mdln} ${model.softrev} device ${model.deviceId} listening on port ${bound.port} (control: ${equipment.control.state})`,
  );
  const runner = new OperatorRunner({ equipment, print: say, random: new SeededRandom(seed) });
  if (scenario !== undefined || values.operator === true) say(`operator: seed ${seed}`);
  const operator = values.operator === true ? new OperatorConsole(runner, model, say, complain) : undefined;
  const ended = await untilStopped(signal, runner, scenario, exitAfterScenario, say);
  if (ended.signal !== undefined) say(`${ended.signal}: stopping`);
  else await drainTransactions(session, session.config.t3Ms);
  runner.cancel();
  operator?.close();
  await equipment.flush();
  equipment.stop();
  await endpoint.close();
  await spool?.close();
  return ended.scenario === undefined || ended.scenario.ok ? 0 : 1;
}

/**
 * The model file (YAML, or strict JSON for `.json`), parsed and checked; a bad one is a CliError
 * listing every issue as `file:line:column: key.path: problem`.
 */
async function loadModel(path: string): Promise<EquipmentModel> {
  const format = extname(path).toLowerCase() === '.json' ? 'json' : 'yaml';
  const parsed = parseModelText(await readTextInput(path, '--model'), { source: path, format });
  if (!parsed.ok) {
    const n = parsed.issues.length;
    throw new CliError(
      `invalid model ${path} (${n} problem${n === 1 ? '' : 's'}):\n${formatIssues(parsed.issues, '  ')}`,
    );
  }
  return parsed.value;
}

/**
 * The spool in `stateDir`, bounded as the model says (default 100,000 messages, 256 MiB). When full,
 * the oldest are overwritten unless the OverWriteSpool EC's default says stop; the equipment applies a
 * value the host set (and that was persisted) at start.
 */
async function openSpool(stateDir: string, model: EquipmentModel): Promise<Spool> {
  const overwrite = model.equipmentConstants.find((c) => c.builtin === 'overwrite-spool');
  try {
    return await Spool.open({
      dir: join(stateDir, 'spool'),
      maxMessages: model.spool.maxMessages,
      maxBytes: model.spool.maxBytes,
      policy: overwrite?.default === false ? 'stop' : 'overwrite',
    });
  } catch (err) {
    if (isProgrammerError(err)) throw err;
    throw new CliError(`cannot open the spool in ${stateDir}: ${(err as Error).message}`);
  }
}

function complain(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Serve until a signal, running the scenario meanwhile; with `exitAfterScenario` the scenario's end
 * also stops the simulator (and its result decides the exit code).
 */
async function untilStopped(
  signal: Promise<string>,
  runner: OperatorRunner,
  scenario: OperatorScript | undefined,
  exitAfterScenario: boolean,
  say: (line: string) => void,
): Promise<{ signal?: string; scenario?: OperatorRunResult }> {
  if (scenario === undefined) return { signal: await signal };
  const done = runScenario(runner, scenario, say, complain);
  if (!exitAfterScenario) return { signal: await signal };
  return Promise.race([signal.then((s) => ({ signal: s })), done.then((r) => ({ scenario: r }))]);
}
