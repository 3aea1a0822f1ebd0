// `bondline equipment`: a GEM equipment simulator from a declarative model, listening as the HSMS
// passive side until SIGINT/SIGTERM, so that host developers can test against it.

import { dirname, join, resolve } from 'node:path';
import {
  GemEquipment,
  HsmsPassiveEndpoint,
  HsmsSession,
  jsonStateStore,
  parseModelText,
  recipeDirectory,
  Spool,
} from '@bondline/secs';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { readInputText } from '../io.js';
import { printHelp, usageError } from '../usage.js';

const USAGE =
  'bondline equipment --port <p> [--device-id n] --model <file.yaml> [--state-dir dir] [--host addr]';

/** Run the simulator; resolves with 0 after a signal stops it. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      port: { type: 'string' },
      'device-id': { type: 'string' },
      model: { type: 'string' },
      'state-dir': { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (values.help === true)
    return printHelp(`usage: ${USAGE}\n  --port 0 picks a free port (printed on start).`);
  const port = numberArg('port', values.port, { integer: true, min: 0, max: 65535 });
  if (port === undefined) throw usageError('--port is required', USAGE);
  if (values.model === undefined) throw usageError('--model is required', USAGE);
  const text = await readInputText(values.model, '--model');
  const parsed = parseModelText(text);
  if (!parsed.ok)
    throw new CliError(
      `${values.model}: invalid model\n${parsed.issues.map((i) => `  ${i.message}`).join('\n')}`,
    );
  const model = parsed.model;
  const deviceId = numberArg('device-id', values['device-id'], { integer: true, min: 0, max: 32767 });
  if (deviceId !== undefined) model.deviceId = deviceId;

  const stateDir = values['state-dir'];
  let spool: Spool | undefined;
  if (stateDir !== undefined) {
    try {
      // Bounds: 100,000 messages or 256 MiB; the oldest are overwritten when full (E30 overwrite policy).
      spool = Spool.open({
        dir: join(stateDir, 'spool'),
        maxMessages: 100_000,
        maxBytes: 256 << 20,
        policy: 'overwrite',
      });
    } catch (err) {
      throw new CliError(`cannot open the spool in ${stateDir}: ${(err as Error).message}`);
    }
  }
  const session = new HsmsSession({ sessionId: model.deviceId });
  const equipment = new GemEquipment({
    model,
    session,
    recipes: recipeDirectory(resolve(dirname(values.model), model.processPrograms.directory)),
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
  equipment.on('error', (e) => process.stderr.write(`equipment: ${e.message}\n`));
  session.on('error', (e) => process.stderr.write(`hsms: ${e.message}\n`));
  try {
    await equipment.start();
  } catch (err) {
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
    throw new CliError(`cannot listen on port ${port}: ${(err as Error).message}`);
  }
  say(
    `${model.mdln} ${model.softrev} device ${model.deviceId} listening on port ${bound.port} (control: ${equipment.control.state})`,
  );
  const signal = await new Promise<string>((res) => {
    const stop = (s: string) => () => res(s);
    process.once('SIGINT', stop('SIGINT'));
    process.once('SIGTERM', stop('SIGTERM'));
  });
  say(`${signal}: stopping`);
  equipment.stop();
  await endpoint.close();
  spool?.close();
  return 0;
}
