// `bondline fab up`: the whole fab side in one process (docs/fab.md §6): the store (migrated), the bus
// (in process, or NATS JetStream with a store writer), the collector for the configuration's tools,
// the HTTP API; `--demo N` also starts N simulated bonders on loopback that the collector collects
// from, running lots back to back, so a newcomer sees a line running.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatIssues, type Issue, makeDir } from '@bondline/core';
import {
  createEmbeddedPipeline,
  type FabConfig,
  type FabStore,
  InProcessFeed,
  type LiveFeed,
  parseFabConfigText,
  R2rService,
  type R2rSettingsFile,
  type RecordSink,
  r2rSettingsSchema,
  SpcR2rLink,
  spcParameters,
  startCollector,
  type ToolStatusBoard,
} from '@bondline/fab';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { checkOutputFolder } from '../output-files.js';
import { printHelp, usageError } from '../usage.js';
import { type DemoLine, demoSpeedArg, startDemoLine, withDemoTools } from './demo-line.js';
import { analyserLine, startAnalyserOrFail } from './fab-analyser.js';
import { apiAuthOf } from './fab-api-auth.js';
import { BUS_OPTION_HELP, openBusOrFail } from './fab-bus-option.js';
import { cataloguesOf } from './fab-catalogues.js';
import { countersLine } from './fab-collect.js';
import { startFabApiWithDashboard } from './fab-dashboard.js';
import { demoAccounts } from './fab-demo-accounts.js';
import { fdcLine, startFdc } from './fab-fdc.js';
import { busOptionsOf, CONFIG_OPTION_HELP, fabConfigArg, storeLocationOf } from './fab-layout.js';
import { everyFewSeconds, listenOrFail, untilSignal } from './fab-process.js';
import { spcLine, spcSettingsOf, startSpc } from './fab-spc.js';
import { describeStore, openStoreOrFail, STORE_OPTION_HELP } from './fab-store-option.js';
import { startTickets, ticketsLine, ticketsStartLine } from './fab-tickets.js';
import { STORY_HELP, startStory, storyChain, storySetup, storySpeedArg } from './fab-up-story.js';
import { seedArg } from './tool-options.js';

const USAGE =
  'bondline fab up [--config <fab.yaml>] [--store <s>] [--bus <nats://host:port>] [--port <p>] [--host <addr>]\n' +
  '       [--demo <n> [--story]] [--speed <factor>] [--pairs <n>] [--seed <n>] [--data-dir <dir>]';

const HELP = `usage: ${USAGE}
  The fab side in one process until SIGINT or SIGTERM: migrates the store, collects from every tool
  of the configuration, stores everything, and serves the API; prints the URL.
${CONFIG_OPTION_HELP}
${STORE_OPTION_HELP}; default the configuration's store, else <data-dir>/fab.sqlite
${BUS_OPTION_HELP}; without
                     one, records go from the collector to the store in this process
  --port <p>         HTTP port (default the configuration's http.port, else 8080; 0 picks a free one)
  --host <addr>      HTTP address (default the configuration's http.host, else 127.0.0.1)
  --demo <n>         also start n simulated bonders (1 to 32) on loopback, collected like the
                     configuration's tools; odd ones run the immature fault profile, even ones mature
${STORY_HELP}
  --speed <f>        the demo bonders' virtual time: <f> times real time, 1 to 1000 (default 60: a
                     25-pair lot in about a minute); with --story max or 1 to 1000 (default 1000)
  --pairs <n>        pairs per demo lot, 1 to 25 (default 25)
  --seed <n>         seed of the first demo bonder; the others take the next ones (default 1)
  --data-dir <dir>   the default store and the demo bonders' state (kept); default a temporary folder
                     removed at exit
  The R2R loop (corrections to the bonders' aligner offsets over GEM) runs when the configuration's
  r2r.enabled is true; with --demo and no r2r block it runs with its defaults. SPC charts every
  analysed pair when the configuration has an spc: block, and with --demo without one; an open
  violation on an overlay chart holds the context's R2R until it is closed (POST
  /api/spc/violations/<id>/close). FDC checks every pair against its recipe's active model once one
  is learnt (POST /api/fdc/models, docs/fab.md §9.6).
Exit codes: 0 stopped by a signal, 1 the store or the bus cannot be reached, 2 bad arguments, a bad
configuration or a port that is taken.`;

const BASE_CONFIG = 'fab: { id: fab, name: Fab }\ntools: []\n';

interface Pipeline {
  readonly sink: RecordSink;
  readonly feed: LiveFeed;
  /** What this process committed, for the analytics beside it (the embedded feed, or the store writer's commits). */
  readonly commits: LiveFeed;
  readonly statusBoard: ToolStatusBoard;
  readonly describe: string;
  close(): Promise<void>;
}

export async function runFabUp(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      config: { type: 'string' },
      store: { type: 'string' },
      bus: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'string' },
      story: { type: 'boolean' },
      speed: { type: 'string' },
      pairs: { type: 'string' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'fab up',
  );
  if (values.help === true) return printHelp(HELP);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, USAGE);
  const demoCount = numberArg('demo', values.demo, { integer: true, min: 1, max: 32 }) ?? 0;
  if (values.story === true && demoCount === 0) throw usageError('--story needs --demo <n>', USAGE);
  const pacing = values.story === true ? storySpeedArg(values.speed) : demoSpeedArg(values.speed);
  const pairsPerLot = numberArg('pairs', values.pairs, { integer: true, min: 1, max: 25 }) ?? 25;
  const seed = seedArg(values.seed);
  let config = values.config === undefined ? baseConfig() : await fabConfigArg(values.config);
  const storyOn = values.story === true ? storySetup(config) : undefined;
  const port =
    numberArg('port', values.port, { integer: true, min: 0, max: 65535 }) ?? config.http?.port ?? 8080;
  const host = values.host ?? config.http?.host ?? '127.0.0.1';
  if (demoCount === 0 && config.tools.length === 0) {
    process.stderr.write('fab up: no tools to collect from (give --config with tools, or --demo <n>)\n');
  }
  const data = await dataFolder(values['data-dir']);
  const closing: (() => Promise<void>)[] = [data.remove];
  const closeAll = async (): Promise<void> => {
    for (const close of closing.splice(0).reverse()) await close();
  };
  try {
    const location = storeLocationOf(
      values.store,
      values.config === undefined ? undefined : { value: config, path: values.config },
    ) ?? { kind: 'sqlite', path: join(data.dir, 'fab.sqlite') };
    const store = await openStoreOrFail(location);
    closing.push(() => store.close());
    const migrated = await store.migrate();
    if (!migrated.ok) throw new CliError(`${describeStore(location)}: ${formatIssues(migrated.issues)}`);
    // The story's two sides sign in: demo accounts on a store without users (printed below).
    const signIns = storyOn === undefined ? [] : await demoAccounts(store, config.fab, demoCount);
    const auth = await apiAuthOf(store, host);
    const pipeline = await openPipeline(store, values.bus, config);
    closing.push(() => pipeline.close());
    // The story's curve is the fault loop's alone: no R2R unless the configuration turns it on.
    const r2rSettings = r2rOf(config, demoCount > 0 && storyOn === undefined);
    const spcSettings = spcSettingsOf(config, demoCount > 0);
    const spc =
      spcSettings === undefined
        ? undefined
        : startSpc({
            settings: spcSettings,
            store,
            commits: pipeline.commits,
            sink: pipeline.sink,
            ...(r2rSettings === undefined ? {} : { r2r: r2rSettings }),
            log: (i) => process.stderr.write(`fab up: spc: ${i.message}\n`),
          });
    if (spc !== undefined) closing.push(() => spc.close());
    // Tickets from the tools' alarms, SPC, FDC and yield excursions (docs/fab.md §11.5), and their webhooks (§13.3).
    const tickets = startTickets(
      store,
      pipeline.feed,
      config,
      (l) => process.stderr.write(`${l}\n`),
      storyOn?.clock.nowMs,
    );
    closing.push(() => tickets.close());
    const analyser = await startAnalyserOrFail(
      store,
      pipeline.commits,
      config,
      values.config,
      (i) => process.stderr.write(`fab up: analysis: ${i.message}\n`),
      (a) => {
        spc?.service.analysed(a);
        tickets.service.analysed(a);
      },
    );
    closing.push(() => analyser.close());
    const fdc = startFdc(store, pipeline.commits, pipeline.sink, (i) =>
      process.stderr.write(`fab up: ${i.message}\n`),
    );
    closing.push(() => fdc.close());

    let line: DemoLine | undefined;
    let chain: Awaited<ReturnType<typeof storyChain>> | undefined;
    if (demoCount > 0) {
      const demo = await startDemoLine({
        count: demoCount,
        dir: join(data.dir, 'tools'),
        pacing,
        pairsPerLot,
        seed,
        onIssue: (id, message) => process.stderr.write(`fab up: ${id}: ${message}\n`),
        ...(storyOn === undefined ? {} : { profiles: 'immature', clock: storyOn.clock, held: true }),
      });
      line = demo;
      closing.push(() => demo.close());
      chain = storyOn === undefined ? undefined : await storyChain(demo);
      config = withDemoTools(config, demo.tools);
    }
    const collector = await startCollector({
      config,
      sink: pipeline.sink,
      statusBoard: pipeline.statusBoard,
      log: (i: Issue) => process.stderr.write(`fab up: ${i.message}\n`),
      ...(storyOn === undefined ? {} : { clock: storyOn.clock.nowMs }),
    });
    if (!collector.ok) throw new CliError(formatIssues(collector.issues));
    closing.push(() => collector.value.close());
    let r2r: R2rService | undefined;
    if (r2rSettings !== undefined) {
      const service = new R2rService({
        settings: r2rSettings,
        store,
        tools: collector.value,
        toolIds: config.tools.map((t) => t.id),
        log: (i: Issue) => process.stderr.write(`fab up: ${i.message}\n`),
      });
      const detach = service.attach(pipeline.feed);
      closing.push(async () => {
        detach();
        await service.idle();
      });
      r2r = service;
      if (spc !== undefined) {
        // An open SPC violation on an overlay chart holds its context (docs/fab.md §8.6).
        const link = new SpcR2rLink({
          store,
          r2r: service,
          feed: pipeline.feed,
          log: (i: Issue) => process.stderr.write(`fab up: spc: ${i.message}\n`),
        });
        await link.start();
        closing.push(async () => {
          link.stop();
          await link.idle();
        });
      }
    }
    const catalogueOf = await cataloguesOf(config, values.config, line?.tools.map((t) => t.id) ?? []);
    const story =
      storyOn === undefined || line === undefined || chain === undefined
        ? undefined
        : startStory({
            setup: storyOn,
            chain,
            store,
            tickets,
            line,
            seed,
            log: (i) => process.stderr.write(`fab up: ${i.message}\n`),
            board: pipeline.statusBoard,
          });
    if (story !== undefined) closing.push(() => story.close());
    const api = await listenOrFail(
      () =>
        startFabApiWithDashboard({
          store,
          auth: auth.mode,
          feed: pipeline.feed,
          statusBoard: pipeline.statusBoard,
          host,
          port,
          ...(r2r === undefined ? {} : { r2r }),
          tickets: {
            service: tickets.service,
            settings: tickets.settings,
            ...(tickets.webhooks === undefined ? {} : { webhooks: tickets.webhooks }),
          },
          catalogueOf,
          recordSink: pipeline.sink,
        }),
      host,
      port,
    );
    closing.push(() => api.close());

    const signal = untilSignal();
    const say = (s: string): void => {
      process.stdout.write(`${s}\n`);
    };
    say(`store: ${describeStore(location)}${data.temporary ? ' (temporary, removed at exit)' : ''}`);
    say(`bus: ${pipeline.describe}`);
    say(
      r2rSettings === undefined
        ? 'r2r: off (r2r.enabled in the configuration turns it on)'
        : `r2r: on, ${r2rSettings.controller.kind ?? 'ewma'} w ${r2rSettings.controller.w ?? 0.5}; contexts at ${'/api/r2r'}`,
    );
    say(
      spcSettings === undefined
        ? 'spc: off (an spc: block in the configuration turns it on)'
        : `spc: on, ${spcParameters(spcSettings).length} parameters per context, limits on the first ${spcSettings.baselinePoints} points; charts at /api/spc/charts`,
    );
    say(ticketsStartLine(tickets.settings));
    say(auth.line);
    for (const l of signIns) say(l);
    for (const t of config.tools) {
      const demo = line?.tools.find((d) => d.id === t.id);
      say(
        `tool ${t.id} (${t.maker}) at ${t.address}:${t.port}${demo === undefined ? '' : `, simulated, ${demo.profile} profile`}`,
      );
    }
    say(`api: ${api.url}/api (OpenAPI: ${api.url}/api/openapi.json, live: ${api.url}/api/stream)`);
    say(`fab up: running at ${api.url}; stop with Ctrl-C`);
    const progress = everyFewSeconds(
      () =>
        `${countersLine(collector.value)}; ${analyserLine(analyser)}${spc === undefined ? '' : `; ${spcLine(spc.service)}`}; ${fdcLine(fdc)}; ${ticketsLine(tickets)}${line === undefined ? '' : `; ${line.lotsEnded()} lots ended`}${story === undefined ? '' : `; ${story.line()}`}`,
    );
    const name = await signal;
    progress.stop();
    say(`${name}: stopping`);
    for (const l of (await story?.end(pairsPerLot)) ?? []) say(l);
    return 0;
  } finally {
    await closeAll();
  }
}

/**
 * The R2R loop's settings: the configuration's `r2r:` block when it has one (on only with `enabled:
 * true`); without one, on with the defaults for `--demo` (its bonders drift, the loop is what a
 * newcomer should see) and off otherwise (a real tool's offsets change only when a fab says so).
 */
function r2rOf(config: FabConfig, demo: boolean): R2rSettingsFile | undefined {
  if (config.r2r !== undefined) return config.r2r.enabled ? config.r2r : undefined;
  return demo ? r2rSettingsSchema.parse({ enabled: true }) : undefined;
}

function baseConfig(): FabConfig {
  const parsed = parseFabConfigText(BASE_CONFIG, '(built-in)');
  if (!parsed.ok)
    throw new Error(`the built-in fab configuration is refused: ${formatIssues(parsed.issues)}`);
  return parsed.value;
}

async function openPipeline(
  store: FabStore,
  busArg: string | undefined,
  config: FabConfig,
): Promise<Pipeline> {
  const busOptions = busOptionsOf(busArg, config, 'bondline-fab-up');
  if (busOptions === undefined) {
    const p = createEmbeddedPipeline(store);
    return { ...p, commits: p.feed, describe: 'in process' };
  }
  const bus = await openBusOrFail(busOptions);
  try {
    const board = await bus.statusBoard();
    if (!board.ok) throw new CliError(formatIssues(board.issues), { exitCode: 1 });
    const commits = new InProcessFeed();
    const writer = await bus.startStoreWriter(store, {
      ...(busOptions.durable === undefined ? {} : { durable: busOptions.durable }),
      onCommitted: (records) => commits.emit(records),
      onRejected: (m) =>
        process.stderr.write(`fab up: message ${m.seq} on ${m.subject} dropped: ${formatIssues(m.issues)}\n`),
    });
    if (!writer.ok) throw new CliError(formatIssues(writer.issues), { exitCode: 1 });
    return {
      sink: bus.sink(),
      feed: bus.liveFeed(),
      commits,
      statusBoard: board.value,
      describe: `NATS JetStream stream ${bus.stream} (${[busOptions.servers].flat().join(',')}), one store writer`,
      close: () => bus.close(),
    };
  } catch (err) {
    await bus.close();
    throw err;
  }
}

async function dataFolder(
  raw: string | undefined,
): Promise<{ dir: string; temporary: boolean; remove: () => Promise<void> }> {
  if (raw !== undefined) {
    await checkOutputFolder('--data-dir', raw);
    await makeDir(raw).catch((err: unknown) => {
      throw new CliError(`--data-dir: cannot make ${raw}: ${String(err)}`, { cause: err });
    });
    return { dir: resolve(raw), temporary: false, remove: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), 'bondline-fab-'));
  return { dir, temporary: true, remove: () => rm(dir, { recursive: true, force: true }) };
}
