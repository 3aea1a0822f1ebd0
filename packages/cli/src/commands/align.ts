import {
  type GreyImage,
  isRefusal,
  type MarkImageOptions,
  PNG_LIMITS,
  type RegistrationMatch,
  type RegistrationMethod,
  readGreyPng,
  registerMark,
  renderMarkImage,
  renderMarkTemplate,
  writeGreyPng,
} from '@bondline/align';
import { formatIssues } from '@bondline/core';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printJson, readInputBytes } from '../io.js';
import { checkOutputs, type OutputFile, pngDescription, writeOutputs } from '../output-files.js';
import { printHelp, usageError } from '../usage.js';

/** Exit code when registration completed but refused the match (missing, ambiguous, clipped). */
export const REFUSED_EXIT_CODE = 3;

/** A rotated mark is supersampled (64 points per pixel): larger images would take minutes. */
const ROTATED_MAX_PIXELS = 1024 * 1024;

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
  --min-score <s>     refuse as missing below this NCC score, 0 < s <= 1 (default 0.5)
  --ambiguity <r>     refuse as ambiguous when a separate peak reaches r of the best, 0 < r <= 1 (default 0.8)
  --gradient          ncc: also fit an illumination gain that varies linearly across the mark
  --json              print one JSON object
  Offset: where the template's centre lies in the image relative to the image centre
  ((w-1)/2, (h-1)/2), in pixels, x to the right, y down.
  Images: 8- or 16-bit greyscale, not interlaced, at most ${PNG_LIMITS.side} px per side and ${PNG_LIMITS.pixels} px
  in all; the template at least 3x3 px, with contrast, and no larger than the image.
  Exit codes: 0 found, ${REFUSED_EXIT_CODE} refused (missing, ambiguous or clipped), 2 bad arguments or files.

${synthUsage}
  Render a synthetic mark image (and with --template-out its matching central template).
  Defaults: cross, 128x128, size 40, line 6, blur 1.5, background 0.2, contrast 0.6, 16-bit,
  template 64x64. --shift-x/-y move the mark centre from the image centre (px; the same
  convention as register) and must keep the centre inside the image. --noise is a fraction of
  the contrast; --gradient-x/-y multiply the illumination by 1 + g (x - cx) per px. Images hold
  at most ${PNG_LIMITS.pixels} px (what register reads), ${ROTATED_MAX_PIXELS} px with --rotation (supersampled).
  Give negative values with '=': --shift-y=-7.5.`;

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
  const r = readGreyPng(await readInputBytes(file, what), { source: `${what} ${file}` });
  if (!r.ok) throw new CliError(formatIssues(r.issues));
  return r.value.image;
}

/** A limit in (0, 1]: 0 is out of its domain (a threshold of 0 accepts anything, a ratio of 0 refuses all). */
function unitLimit(name: string, raw: string | undefined): number | undefined {
  const v = numberArg(name, raw, { min: 0, max: 1 });
  if (v === 0) throw new CliError(`--${name}: 0 is out of range (allowed above 0, up to 1)`);
  return v;
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
  const minScore = unitLimit('min-score', values['min-score']);
  const ambiguity = unitLimit('ambiguity', values.ambiguity);
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
  // Inputs registration cannot work on (template too small or too large, flat) are bad files: exit 2.
  if (!result.ok && !result.issues.every((i) => isRefusal(i.code))) {
    throw new CliError(formatIssues(result.issues));
  }
  const files = { image: imageFile, template: values.template };
  if (values.json === true) {
    printJson(
      result.ok
        ? { ...files, ok: true, ...result.value }
        : { ...files, ok: false, method, issues: result.issues },
    );
  } else if (result.ok) {
    process.stdout.write(`${formatMatch(result.value)}\n`);
  } else {
    for (const i of result.issues) process.stdout.write(`refused (${i.code}, ${method}): ${i.message}\n`);
  }
  return result.ok ? 0 : REFUSED_EXIT_CODE;
}

function formatMatch(r: RegistrationMatch): string {
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
  const width = numberArg('width', values.width, { integer: true, min: 8, max: PNG_LIMITS.side }) ?? 128;
  const height = numberArg('height', values.height, { integer: true, min: 8, max: PNG_LIMITS.side }) ?? 128;
  const sizePx = numberArg('size', values.size, { min: 1, max: 8192 }) ?? 40;
  const linePx = numberArg('line', values.line, { min: 0.1, max: 8192 }) ?? 6;
  if (!(sizePx > linePx)) throw new CliError(`--size ${sizePx} must be larger than --line ${linePx}`);
  const innerPx = numberArg('inner', values.inner, { min: 0.1, max: 8192 });
  if (innerPx !== undefined && kind === 'box-in-box' && !(innerPx < sizePx - 2 * linePx)) {
    throw new CliError(
      `--inner ${innerPx} must be smaller than the frame hole, size - 2 * line = ${sizePx - 2 * linePx}`,
    );
  }
  const rotationDeg = numberArg('rotation', values.rotation, { min: -45, max: 45 }) ?? 0;
  const maxPixels = rotationDeg === 0 ? PNG_LIMITS.pixels : ROTATED_MAX_PIXELS;
  if (width * height > maxPixels) {
    throw new CliError(
      `--width ${width} x --height ${height} is ${width * height} px; at most ${maxPixels} px${rotationDeg === 0 ? '' : ' with --rotation'}`,
    );
  }
  // A mark whose centre lies outside the image is not an alignment-mark image.
  const shiftX =
    numberArg('shift-x', values['shift-x'], { min: -(width - 1) / 2, max: (width - 1) / 2 }) ?? 0;
  const shiftY =
    numberArg('shift-y', values['shift-y'], { min: -(height - 1) / 2, max: (height - 1) / 2 }) ?? 0;
  const opts: MarkImageOptions = {
    width,
    height,
    kind,
    sizePx,
    linePx,
    ...(innerPx === undefined ? {} : { innerPx }),
    shiftX,
    shiftY,
    rotationDeg,
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
