import { formatIssues } from '@bondline/core';
import {
  type BondParams,
  dieGrid,
  type GateResult,
  type KlarfWafer,
  parseKlarf,
  predictGate,
} from '@bondline/physics';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printJson, readInputBytes } from '../io.js';
import { checkOutputs, pngDescription, writeOutputs } from '../output-files.js';
import { drawGateMap } from '../render/gate-map.js';
import { encodePng } from '../render/png.js';
import { printHelp, usageError } from '../usage.js';
import { loadCliBondConfig } from './bond-config.js';

/** Exit code of a completed gate run that says "send the pair back to cleaning". */
export const RECLEAN_EXIT_CODE = 3;

const usage =
  'bondline gate --top <klarf> --bottom <klarf> --config <file> [--section <s>] [--max-loss <fraction>] [--height-factor <f>] [--top-wafer <id>] [--bottom-wafer <id>] [--json] [--map <file.png>]';

const help = `${usage}

Pre-bond particle gate: turns the particle inspections (KLARF 1.2 or 1.8) of the top and
bottom wafers into the voids the bond would leave, and decides bond or re-clean.
  --top, --bottom     KLARF files of the top (array, face down) and bottom (CMOS) wafers;
                      top-wafer positions are mirrored x -> -x into bonded coordinates
  --config <file>     the pair's configuration (as for bondline yield): geometry, pads, void model
  --section <s>       YAP section when --config is a YAP/YAP+ file (default w2w_modeling)
  --max-loss <f>      largest tolerated predicted yield loss, a fraction of dies (default 0.005)
  --height-factor <f> particle height per unit of inspected size (default 1)
  --top-wafer, --bottom-wafer <id>
                      the wafer to use when a KLARF file holds several
  --json              print one JSON object
  --map <file.png>    write the predicted void map
Exit codes: 0 bond, ${RECLEAN_EXIT_CODE} re-clean (a decision, not an error), 2 bad arguments or files.`;

async function readKlarfWafer(file: string, which: string, waferId: string | undefined): Promise<KlarfWafer> {
  // Bytes, not text: the reader decodes them itself, naming a byte-order mark, UTF-16 or binary data.
  const bytes = await readInputBytes(file, `--${which}`);
  const r = parseKlarf(bytes, { source: file });
  if (!r.ok) throw new CliError(formatIssues(r.issues));
  const wafers = r.value.wafers;
  if (waferId !== undefined) {
    const w = wafers.find((x) => x.waferId === waferId);
    if (w === undefined) {
      throw new CliError(
        `${file}: no wafer '${waferId}' (wafers: ${wafers.map((x) => x.waferId).join(', ')})`,
      );
    }
    return w;
  }
  if (wafers.length > 1) {
    throw new CliError(
      `${file} holds ${wafers.length} wafers (${wafers.map((x) => x.waferId).join(', ')}); choose one with --${which}-wafer <id>`,
    );
  }
  return wafers[0]!;
}

function gateJson(r: GateResult, top: KlarfWafer, bottom: KlarfWafer): Record<string, unknown> {
  return {
    decision: r.decision,
    predictedLoss: r.predictedLoss,
    maxLoss: r.maxLoss,
    heightFactor: r.heightFactor,
    dies: r.dies,
    killedDieCount: r.killedDies.length,
    killedDies: r.killedDies,
    topWafer: top.waferId,
    bottomWafer: bottom.waferId,
    particles: r.particles.map((p) => ({
      wafer: p.wafer,
      id: p.id,
      xUm: p.x,
      yUm: p.y,
      sizeUm: p.sizeUm,
      heightUm: p.heightUm,
      mainVoidRadiusUm: p.discs[0]?.r ?? 0,
      tailDiscs: Math.max(0, p.discs.length - 1),
      killedDies: p.killedDies,
    })),
    skipped: r.skipped,
  };
}

function gateTable(r: GateResult, params: BondParams, top: KlarfWafer, bottom: KlarfWafer): string {
  const dies = dieGrid(params);
  const name = (id: number) => `(${dies[id]!.col},${dies[id]!.row})`;
  const lines = [
    `  top wafer ${top.waferId} (${top.defects.length} defects), bottom wafer ${bottom.waferId} (${bottom.defects.length} defects)`,
    '',
    '  wafer   id   x mm      y mm      size µm  height µm  void r µm  tail  killed dies (col,row)',
  ];
  for (const p of r.particles) {
    lines.push(
      `  ${p.wafer.padEnd(7)}${String(p.id).padStart(3)}  ${(p.x / 1000).toFixed(3).padStart(8)}  ${(p.y / 1000).toFixed(3).padStart(8)}  ${p.sizeUm.toFixed(3).padStart(7)}  ${p.heightUm.toFixed(3).padStart(9)}  ${(p.discs[0]?.r ?? 0).toFixed(0).padStart(9)}  ${String(p.discs.length - 1).padStart(4)}  ${p.killedDies.map(name).join(' ') || '-'}`,
    );
  }
  for (const s of r.skipped)
    lines.push(`  ${s.wafer.padEnd(7)}${String(s.id).padStart(3)}  skipped: ${s.reason}`);
  lines.push(
    '',
    `  predicted voids   ${r.particles.length}`,
    `  killed dies       ${r.killedDies.length} of ${r.dies}`,
    `  predicted loss    ${(100 * r.predictedLoss).toFixed(2)} % (threshold ${(100 * r.maxLoss).toFixed(2)} %, height factor ${r.heightFactor})`,
    `  decision          ${r.decision === 'bond' ? 'BOND' : 'RE-CLEAN'}`,
  );
  return `${lines.join('\n')}\n`;
}

/** `bondline gate`: pre-bond particle gate on two KLARF inspections. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      top: { type: 'string' },
      bottom: { type: 'string' },
      config: { type: 'string' },
      section: { type: 'string' },
      'max-loss': { type: 'string' },
      'height-factor': { type: 'string' },
      'top-wafer': { type: 'string' },
      'bottom-wafer': { type: 'string' },
      json: { type: 'boolean' },
      map: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'gate',
  );
  if (values.help === true) return printHelp(help);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, usage);
  for (const k of ['top', 'bottom', 'config'] as const) {
    if (values[k] === undefined) throw usageError(`--${k} <file> is required`, usage);
  }
  const maxLoss = numberArg('max-loss', values['max-loss'], { min: 0, max: 1 }) ?? 0.005;
  const heightFactor = numberArg('height-factor', values['height-factor'], { min: 1e-3, max: 100 }) ?? 1;
  await checkOutputs(
    { '--map': values.map },
    { '--top': values.top, '--bottom': values.bottom, '--config': values.config },
  );
  const { params } = await loadCliBondConfig(values.config!, values.section);
  const top = await readKlarfWafer(values.top!, 'top', values['top-wafer']);
  const bottom = await readKlarfWafer(values.bottom!, 'bottom', values['bottom-wafer']);
  const result = predictGate(params, top.defects, bottom.defects, { maxLoss, heightFactor });

  if (values.map !== undefined) {
    const geom = { R: params.wafer.R, e: params.wafer.e, W: params.die.W, L: params.die.L };
    const canvas = drawGateMap(
      geom,
      { dies: dieGrid(params), killed: new Set(result.killedDies), particles: result.particles },
      `Pre-bond gate: ${result.decision === 'bond' ? 'BOND' : 'RE-CLEAN'}`,
      `${result.particles.length} predicted voids kill ${result.killedDies.length} of ${result.dies} dies (${(100 * result.predictedLoss).toFixed(2)} %, threshold ${(100 * result.maxLoss).toFixed(2)} %)`,
    );
    const png = encodePng(canvas);
    await writeOutputs([{ option: '--map', path: values.map, data: png, description: pngDescription(png) }]);
  }
  // Files first: a run whose map cannot be written prints no decision either.
  if (values.json === true) printJson(gateJson(result, top, bottom));
  else process.stdout.write(gateTable(result, params, top, bottom));
  return result.decision === 'bond' ? 0 : RECLEAN_EXIT_CODE;
}
