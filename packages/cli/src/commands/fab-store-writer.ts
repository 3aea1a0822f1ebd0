// `bondline fab store`: a store writer of the scaled layout (docs/fab.md §4): takes the records
// collectors published on JetStream and commits them into the store, acknowledging each message only
// once committed. Run several on one durable consumer to share the work.
import { formatIssues } from '@bondline/core';
import { InProcessFeed } from '@bondline/fab';
import { parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printHelp, usageError } from '../usage.js';
import { analyserLine, startAnalyserOrFail } from './fab-analyser.js';
import { BUS_OPTION_HELP, openBusOrFail } from './fab-bus-option.js';
import { fdcLine, startFdc } from './fab-fdc.js';
import { busOptionsOf, CONFIG_OPTION_HELP, configAndStore } from './fab-layout.js';
import { everyFewSeconds, untilSignal } from './fab-process.js';
import { spcLine, spcSettingsOf, startSpc } from './fab-spc.js';
import { describeStore, openStoreOrFail, requireMigrated, STORE_OPTION_HELP } from './fab-store-option.js';

const USAGE =
  'bondline fab store [--config <fab.yaml>] [--store <sqlite:file|postgres://...>] [--bus <nats://host:port>]\n' +
  '       [--durable <name>]';

const HELP = `usage: ${USAGE}
  A store writer: commits the records collectors publish on NATS JetStream into the store, each
  message acknowledged once committed (a writer killed mid-batch loses nothing: the message comes
  again). Several writers on one durable consumer share the work. Each writer also analyses the
  pairs it commits (docs/fab.md §7.5) and stores the analyses, charts them for SPC when the
  configuration has an spc: block (docs/fab.md §8.6), and checks them against their recipe's FDC
  model (§9; a pair's records must reach one writer: run one writer per stream for FDC). Until
  SIGINT or SIGTERM.
${CONFIG_OPTION_HELP}
${STORE_OPTION_HELP}; default the configuration's store
${BUS_OPTION_HELP}
  --durable <name>   the durable consumer the writers share (default the configuration's, else
                     bondline-store-writer)
Exit codes: 0 stopped by a signal, 1 the store or the bus cannot be reached, 2 bad arguments or a
store not migrated (bondline fab migrate).`;

export async function runFabStoreWriter(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      config: { type: 'string' },
      store: { type: 'string' },
      bus: { type: 'string' },
      durable: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'fab store',
  );
  if (values.help === true) return printHelp(HELP);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, USAGE);
  const { config, location } = await configAndStore(values, USAGE);
  const busOptions = busOptionsOf(values.bus, config, 'bondline-fab-store');
  if (busOptions === undefined) throw usageError('which bus? (--bus, or bus: in --config)', USAGE);
  const durable = values.durable ?? busOptions.durable;
  const store = await openStoreOrFail(location, { mustExist: true });
  try {
    await requireMigrated(store, location);
    const commits = new InProcessFeed();
    const bus = await openBusOrFail(busOptions);
    // SPC beside the analyser (config spc: block): violations go through the bus like any record.
    const spcSettings = spcSettingsOf(config, false);
    const spc =
      spcSettings === undefined
        ? undefined
        : startSpc({
            settings: spcSettings,
            store,
            commits,
            sink: bus.sink(),
            ...(config?.r2r === undefined ? {} : { r2r: config.r2r }),
            log: (i) => process.stderr.write(`fab store: spc: ${i.message}\n`),
          });
    const analyser = await startAnalyserOrFail(
      store,
      commits,
      config,
      values.config,
      (i) => process.stderr.write(`fab store: analysis: ${i.message}\n`),
      spc === undefined ? undefined : (a) => spc.service.analysed(a),
    ).catch(async (e: unknown) => {
      await bus.close();
      throw e;
    });
    // FDC checks what this writer commits; its checks and faults go back on the stream (docs/fab.md §9).
    const fdc = startFdc(store, commits, bus.sink(), (i) =>
      process.stderr.write(`fab store: ${i.message}\n`),
    );
    try {
      const started = await bus.startStoreWriter(store, {
        ...(durable === undefined ? {} : { durable }),
        onCommitted: (records) => commits.emit(records),
        onRejected: (m) =>
          process.stderr.write(
            `fab store: message ${m.seq} on ${m.subject} dropped: ${formatIssues(m.issues)}\n`,
          ),
      });
      if (!started.ok) throw new CliError(formatIssues(started.issues), { exitCode: 1 });
      const writer = started.value;
      const signal = untilSignal();
      process.stdout.write(
        `store writer: ${describeStore(location)} from ${[busOptions.servers].flat().join(',')} stream ${bus.stream}` +
          ` (durable ${durable ?? 'bondline-store-writer'})\n`,
      );
      const progress = everyFewSeconds(() => {
        const s = writer.stats();
        return `stored ${s.records} records in ${s.messages} messages, ${s.retries} retries, ${s.rejected} dropped; ${analyserLine(analyser)}${spc === undefined ? '' : `; ${spcLine(spc.service)}`}; ${fdcLine(fdc)}`;
      });
      const name = await signal;
      progress.stop();
      await writer.stop();
      const s = writer.stats();
      process.stdout.write(`${name}: stopped after ${s.records} records in ${s.messages} messages\n`);
      return 0;
    } finally {
      await fdc.close();
      await analyser.close();
      await spc?.close();
      await bus.close();
    }
  } finally {
    await store.close();
  }
}
