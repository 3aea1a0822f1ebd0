import {
  type GreyImage,
  type MarkImageOptions,
  type RegistrationMethod,
  type RegistrationResult,
  readGreyPng,
  registerMark,
  renderMarkImage,
  renderMarkTemplate,
  writeGreyPng,
} from '@bondline/align';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printJson, readInputBytes } from '../io.js';
import { checkOutputs, type OutputFile, pngDescription, writeOutputs } from '../output-files.js';
import { printHelp, usageError } from '../usage.js';

/** Exit code when registration completed but refused the match (missing, ambiguous, clipped). */
export const REFUSED_EXIT_CODE = 3;

const registerUsage =
  'bondline align register <image.png> --template <t.png> [--method ncc|phase] [--min-score <s>] [--ambiguity <r>] [--gradient] [--json]';
const synthUsage =
  'bondline align synth --out <file.png> [--template-out <t.png>] [--mark cross|box-in-box] [--width <px>] [--height <px>] [--size <px>] [--line <px>] [--inner <px>] [--shift-x <px>] [--shift-y <px>] [--rotation <deg>] [--blur <px>] [--noise <f>] [--gradient-x <1/px>] [--gradient-y <1/px>] [--background <v>] [--contrast <v>] [--seed <n>] [--bit-depth 8|16] [--template-size <px>]';

const help = `bondline align <register|synth> [options]

Alignment-mark registration.

${registerUsage}
  Locate the template in the image (both 8- or 16-bit greyscale PNG).
  --method ncc|phase  normalised cross-correlation + Gauss-Newton sub-pixel refinement (default),
                      or phase correlation refined by an upsampled DFT
  --min-score <s>     refuse as missing below this NCC score (default 0.5)
  --ambiguity <r>     refuse as ambiguous when a separate peak reaches r of the best (default 0.8)
  --gradient          ncc: also fit an illumination gain that varies linearly across the mark
  --json              print one JSON object
  Offset: where the template's centre lies in the image relative to the image centre
  ((w-1)/2, (h-1)/2), in pixels, x to the right, y down.
  Exit codes: 0 found, ${REFUSED_EXIT_CODE} refused (missing, ambiguous or clipped), 2 bad arguments or files.

${synthUsage}
  Render a synthetic mark image (and with --template-out its matching central template).
  Defaults: cross, 128x128, size 40, line 6, blur 1.5, background 0.2, contrast 0.6, 16-bit,
  template 64x64. --shift-x/-y move the mark centre from the image centre (px; the same
  convention as register). --noise is a fraction of the contrast; --gradient-x/-y multiply
  the illumination by 1 + g (x - cx) per px. Give negative values with '=': --shift-y=-7.5.`;

/** `bondline align ...` */
export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(`${help}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'register') return runRegister(rest);
  if (sub === 'synth') return runSynth(rest);
  throw new CliError(
    `unknown sub-command '${sub}' (expected register or synth)\nusage: ${registerUsage}\n       ${synthUsage}`,
  );
}

async function readPng(file: string, what: string): Promise<GreyImage> {
  const r = readGreyPng(await readInputBytes(file, what));
  if (!r.ok) throw new CliError(`${what} ${file}: ${r.message}`);
  return r.image;
}

async function runRegister(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      template: { type: 'string' },
      method: { type: 'string' },
      'min-score': { type: 'string' },
      ambiguity: { type: 'string' },
      gradient: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'align',
  );
  if (values.help === true) return printHelp(help);
  if (positionals.length !== 1) {
    throw usageError(`expected exactly one image file, got ${positionals.length}`, registerUsage);
  }
  if (values.template === undefined) throw usageError('--template is required', registerUsage);
  const method = values.method ?? 'ncc';
  if (method !== 'ncc' && method !== 'phase') {
    throw new CliError(`--method: '${method}' is not one of ncc, phase`);
  }
  const minScore = numberArg('min-score', values['min-score'], { min: -1, max: 1 });
  const ambiguity = numberArg('ambiguity', values.ambiguity, { min: 0, max: 1 });
  const imageFile = positionals[0]!;
  const image = await readPng(imageFile, 'image');
  const template = await readPng(values.template, '--template');
  const limits = {
    ...(minScore === undefined ? {} : { minScore }),
    ...(ambiguity === undefined ? {} : { ambiguityRatio: ambiguity }),
  };
  const result = registerMark(image, template, {
    method: method as RegistrationMethod,
    limits,
    ncc: { illuminationGradient: values.gradient === true },
  });
  if (values.json === true) {
    printJson({ image: imageFile, template: values.template, ...result });
  } else {
    process.stdout.write(`${formatResult(result)}\n`);
  }
  return result.ok ? 0 : REFUSED_EXIT_CODE;
}

function formatResult(r: RegistrationResult): string {
  if (!r.ok) return `refused (${r.code}, ${r.method}): ${r.reason}`;
  return (
    `dx ${r.dx.toFixed(4)} px  dy ${r.dy.toFixed(4)} px  ` +
    `(1-sigma ${r.sigmaX.toFixed(4)}, ${r.sigmaY.toFixed(4)} px)  score ${r.score.toFixed(4)}  method ${r.method}`
  );
}

async function runSynth(argv: string[]): Promise<number> {
  const str = { type: 'string' } as const;
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      out: str,
      'template-out': str,
      mark: str,
      width: str,
      height: str,
      size: str,
      line: str,
      inner: str,
      'shift-x': str,
      'shift-y': str,
      rotation: str,
      blur: str,
      noise: str,
      'gradient-x': str,
      'gradient-y': str,
      background: str,
      contrast: str,
      seed: str,
      'bit-depth': str,
      'template-size': str,
      help: { type: 'boolean', short: 'h' },
    },
    'align',
  );
  if (values.help === true) return printHelp(help);
  if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'`, synthUsage);
  if (values.out === undefined) throw usageError('--out is required', synthUsage);
  await checkOutputs({ '--out': values.out, '--template-out': values['template-out'] });
  const kind = values.mark ?? 'cross';
  if (kind !== 'cross' && kind !== 'box-in-box')
    throw new CliError(`--mark: '${kind}' is not one of cross, box-in-box`);
  const bitDepth = numberArg('bit-depth', values['bit-depth'], { integer: true, min: 8, max: 16 }) ?? 16;
  if (bitDepth !== 8 && bitDepth !== 16) throw new CliError(`--bit-depth: ${bitDepth} is not 8 or 16`);
  const width = numberArg('width', values.width, { integer: true, min: 8, max: 8192 }) ?? 128;
  const height = numberArg('height', values.height, { integer: true, min: 8, max: 8192 }) ?? 128;
  const sizePx = numberArg('size', values.size, { min: 1, max: 8192 }) ?? 40;
  const linePx = numberArg('line', values.line, { min: 0.1, max: 8192 }) ?? 6;
  if (!(sizePx > linePx)) throw new CliError(`--size ${sizePx} must be larger than --line ${linePx}`);
  const innerPx = numberArg('inner', values.inner, { min: 0.1, max: 8192 });
  if (innerPx !== undefined && kind === 'box-in-box' && !(innerPx < sizePx - 2 * linePx)) {
    throw new CliError(
      `--inner ${innerPx} must be smaller than the frame hole, size - 2 * line = ${sizePx - 2 * linePx}`,
    );
  }
  const opts: MarkImageOptions = {
    width,
    height,
    kind,
    sizePx,
    linePx,
    ...(innerPx === undefined ? {} : { innerPx }),
    shiftX: numberArg('shift-x', values['shift-x'], { min: -8192, max: 8192 }) ?? 0,
    shiftY: numberArg('shift-y', values['shift-y'], { min: -8192, max: 8192 }) ?? 0,
    rotationDeg: numberArg('rotation', values.rotation, { min: -45, max: 45 }) ?? 0,
    blurPx: numberArg('blur', values.blur, { min: 0, max: 100 }) ?? 1.5,
    noise: numberArg('noise', values.noise, { min: 0, max: 10 }) ?? 0,
    gradientX: numberArg('gradient-x', values['gradient-x'], { min: -1, max: 1 }) ?? 0,
    gradientY: numberArg('gradient-y', values['gradient-y'], { min: -1, max: 1 }) ?? 0,
    background: numberArg('background', values.background, { min: 0, max: 1 }) ?? 0.2,
    contrast: numberArg('contrast', values.contrast, { min: -1, max: 1 }) ?? 0.6,
    seed: numberArg('seed', values.seed, { integer: true, min: 0, max: 2 ** 53 - 1 }) ?? 1,
  };
  const templateSize =
    numberArg('template-size', values['template-size'], { integer: true, min: 3, max: 8192 }) ?? 64;
  if (values['template-out'] !== undefined && (templateSize > width || templateSize > height)) {
    throw new CliError(`--template-size ${templateSize} does not fit the ${width}x${height} image`);
  }
  const image = writeGreyPng(renderMarkImage(opts), bitDepth);
  const files: OutputFile[] = [
    { option: '--out', path: values.out, data: image, description: pngDescription(image) },
  ];
  let note = '';
  if (values['template-out'] !== undefined) {
    const t = writeGreyPng(renderMarkTemplate(opts, templateSize, templateSize), bitDepth);
    files.push({
      option: '--template-out',
      path: values['template-out'],
      data: t,
      description: pngDescription(t),
    });
    note = `, template ${templateSize}x${templateSize} -> ${values['template-out']}`;
  }
  await writeOutputs(files);
  process.stdout.write(
    `${kind} mark ${width}x${height} ${bitDepth}-bit, shift (${opts.shiftX}, ${opts.shiftY}) px -> ${values.out}${note}\n`,
  );
  return 0;
}
