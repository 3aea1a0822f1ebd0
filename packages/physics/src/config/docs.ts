import { defaultParams } from '../params.js';
import { keySpecs, rangeText } from './spec.js';

function fmt(v: number): string {
  // 2/3 and friends print as a few significant digits; exact values print as written.
  return Number.isInteger(v) || String(v).length <= 8 ? String(v) : v.toPrecision(4);
}

/**
 * The configuration reference as a Markdown table, generated from the key
 * table so that the docs cannot drift from validation: one row per key with
 * unit, allowed range, default and the YAP/YAP+ key it maps from.
 */
export function configReferenceMarkdown(): string {
  const rows = keySpecs.map((s) => {
    const def = (defaultParams[s.section] as unknown as Record<string, number>)[s.key]!;
    return `| \`${s.section}.${s.key}\` | ${s.unit} | ${rangeText(s)} | ${fmt(def)} | ${s.yap === undefined ? '' : `\`${s.yap}\``} | ${s.doc} |`;
  });
  return [
    '| key | unit | allowed | default | YAP key | meaning |',
    '|---|---|---|---|---|---|',
    ...rows,
    '| `pads.layout` | | | full array | | block layout: `{ blockUm, redundantCopies, rows }` (rows drawn top first, `C` critical, `R` redundant, `.` empty) or the path of a .json/.yaml file holding it |',
  ].join('\n');
}
