// A recipe written back as a recipe file: every parameter explicit (a stored recipe never depends on
// defaults that a later release might change), each with its unit and limits as a comment, so the
// file a host uploads over GEM reads like the docs. parseRecipe(recipeToYaml(r)) gives r back.
import { type ParamSpec, paramValue, RECIPE_MODULES, RECIPE_SPEC, withUnit } from './recipe-spec.js';
import type { Recipe } from './recipe-types.js';

/** The YAML text of a recipe (name, version, description, every module and parameter). */
export function recipeToYaml(recipe: Recipe): string {
  // JSON strings are YAML double-quoted scalars: any description (newlines, quotes, colons) survives.
  const lines = [
    `name: ${plainOrQuoted(recipe.name)}`,
    `version: ${recipe.version}`,
    `description: ${JSON.stringify(recipe.description)}`,
    'modules:',
  ];
  for (const module of RECIPE_MODULES) {
    lines.push(`  ${module}:`);
    const specs: Readonly<Record<string, ParamSpec>> = RECIPE_SPEC[module];
    const width = Math.max(...Object.keys(specs).map((k) => k.length));
    for (const [key, spec] of Object.entries(specs)) {
      const text = String(paramValue(recipe.params, module, key));
      lines.push(`    ${`${key}:`.padEnd(width + 1)} ${text.padEnd(6)} # ${limitsComment(spec)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A name as a plain scalar where YAML reads it back as the same text, else quoted (`"123"`, `"true"`). */
function plainOrQuoted(name: string): string {
  return /^[A-Za-z][A-Za-z0-9._-]*$/.test(name) && !/^(true|false|null)$/i.test(name)
    ? name
    : JSON.stringify(name);
}

function limitsComment(spec: ParamSpec): string {
  if (spec.kind === 'enum') return spec.values.join(' | ');
  return `${withUnit(spec.min, spec.unit)} to ${withUnit(spec.max, spec.unit)}`;
}
