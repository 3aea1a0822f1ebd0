// The recipe parameter reference of docs/tool.md §3, generated from the parameter table so that the
// docs cannot drift from the limits the schema enforces (recipe-docs.test.ts compares them).
import { recipeParamRows } from './recipe-spec.js';

/** The parameter table as Markdown: one row per parameter with unit, allowed values, default and meaning. */
export function recipeReferenceMarkdown(): string {
  const rows = recipeParamRows().map(({ module, key, spec }) => {
    const name = `\`${module}.${key}\``;
    if (spec.kind === 'enum') {
      const values = spec.values.map((v) => `\`${v}\``).join(', ');
      return `| ${name} | | ${values} | \`${spec.default}\` | ${spec.doc} |`;
    }
    const allowed = `${spec.integer ? 'whole number, ' : ''}${spec.min} to ${spec.max}`;
    return `| ${name} | ${spec.unit === '' ? 'count' : spec.unit} | ${allowed} | ${spec.default} | ${spec.doc} |`;
  });
  return ['| parameter | unit | allowed | default | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}
