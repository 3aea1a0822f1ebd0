// Recipe interlocks: every parameter's limits (docs/tool.md §3), unknown keys, wrong types and YAML
// errors, each refused with the parameter named, the value, unit and limit, at file:line:col.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecipe, validateRecipe } from './recipe-schema.js';
import { paramValue, RECIPE_MODULES, recipeParamRows, withUnit } from './recipe-spec.js';
import type { Recipe } from './recipe-types.js';

const RECIPES = join(import.meta.dirname, '../../../../examples/tool/recipes');

/** A recipe file setting one parameter; the parameter's key sits at line 4, column 5. */
const withParam = (module: string, key: string, value: string): string =>
  `name: T\nmodules:\n  ${module}:\n    ${key}: ${value}\n`;

function refused(text: string): { code: string; message: string; path?: string }[] {
  const r = parseRecipe(text, 't.yaml');
  if (r.ok) throw new Error(`expected a refusal of:\n${text}`);
  return [...r.issues];
}

function accepted(text: string): Recipe {
  const r = parseRecipe(text, 't.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

describe('limits of every parameter', () => {
  for (const { module, key, spec } of recipeParamRows()) {
    const name = `modules.${module}.${key}`;
    if (spec.kind === 'enum') {
      it(`${name}: each of ${spec.values.join(', ')} accepted, anything else refused`, () => {
        for (const v of spec.values)
          expect(paramValue(accepted(withParam(module, key, v)).params, module, key)).toBe(v);
        expect(refused(withParam(module, key, 'Ar'))).toEqual([
          {
            code: 'invalid-value',
            message: `t.yaml:4:5: ${name}: "Ar" is not allowed; expected ${spec.values.map((v) => `"${v}"`).join(', ')}`,
            path: name,
          },
        ]);
      });
      continue;
    }
    // Just outside each limit: a whole step for counts, a hundredth of a unit for the rest.
    const step = spec.integer ? 1 : 0.01;
    const below = Math.round((spec.min - step) * 100) / 100;
    const above = Math.round((spec.max + step) * 100) / 100;
    it(`${name}: ${spec.min} and ${spec.max} accepted, ${below} and ${above} refused naming the limit`, () => {
      for (const v of [spec.min, spec.max]) {
        expect(paramValue(accepted(withParam(module, key, String(v))).params, module, key)).toBe(v);
      }
      expect(refused(withParam(module, key, String(below)))).toEqual([
        {
          code: 'out-of-range',
          message: `t.yaml:4:5: ${name}: ${withUnit(below, spec.unit)} is below the minimum ${withUnit(spec.min, spec.unit)}`,
          path: name,
        },
      ]);
      expect(refused(withParam(module, key, String(above)))).toEqual([
        {
          code: 'out-of-range',
          message: `t.yaml:4:5: ${name}: ${withUnit(above, spec.unit)} is above the maximum ${withUnit(spec.max, spec.unit)}`,
          path: name,
        },
      ]);
      if (spec.integer) {
        expect(refused(withParam(module, key, `${spec.min}.5`))[0]?.message).toBe(
          `t.yaml:4:5: ${name}: ${spec.min}.5 is not a whole number`,
        );
      }
    });
  }

  it('words the messages as docs/tool.md §3 shows them', () => {
    expect(refused(withParam('plasma', 'rfPowerW', '1500'))[0]?.message).toBe(
      't.yaml:4:5: modules.plasma.rfPowerW: 1500 W is above the maximum 1000 W',
    );
    expect(refused(withParam('clean', 'spinRpm', '300'))[0]?.message).toBe(
      't.yaml:4:5: modules.clean.spinRpm: 300 rpm is below the minimum 500 rpm',
    );
    expect(refused(withParam('bonder', 'bowUm', '250'))[0]?.message).toBe(
      't.yaml:4:5: modules.bonder.bowUm: 250 µm is above the maximum 200 µm',
    );
    expect(refused(withParam('inspection', 'sites', '501'))[0]?.message).toBe(
      't.yaml:4:5: modules.inspection.sites: 501 is above the maximum 500',
    );
  });

  it('reports every problem of a file, in the order of the text', () => {
    const text =
      'name: T\nmodules:\n  plasma:\n    rfPowerW: 20\n    timeS: 400\n  clean:\n    spinRpm: 9000\n';
    expect(refused(text).map((i) => i.message)).toEqual([
      't.yaml:4:5: modules.plasma.rfPowerW: 20 W is below the minimum 50 W',
      't.yaml:5:5: modules.plasma.timeS: 400 s is above the maximum 300 s',
      't.yaml:7:5: modules.clean.spinRpm: 9000 rpm is above the maximum 4000 rpm',
    ]);
  });
});

describe('defaults', () => {
  it('an omitted parameter or module takes its default; the defaults are BOND-STD', () => {
    const bare = accepted('name: BOND-STD\n');
    expect(bare.version).toBe(1);
    expect(bare.description).toBe('');
    for (const { module, key, spec } of recipeParamRows()) {
      expect(paramValue(bare.params, module, key), `${module}.${key}`).toBe(spec.default);
    }
    const std = accepted(readFileSync(join(RECIPES, 'BOND-STD.yaml'), 'utf8'));
    expect(std.params).toEqual(bare.params);
  });

  it('one parameter given, the rest of its module defaulted', () => {
    const r = accepted(withParam('plasma', 'gas', 'O2'));
    expect(r.params.plasma).toEqual({ gas: 'O2', rfPowerW: 300, timeS: 30, pressurePa: 50 });
  });

  it('validates data built in code the same way (key paths, no positions)', () => {
    const r = validateRecipe({ name: 'X', modules: { bonder: { pinForceN: 0.1 } } }, { source: 'recipe X' });
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          code: 'out-of-range',
          message: 'recipe X: modules.bonder.pinForceN: 0.1 N is below the minimum 0.5 N',
          path: 'modules.bonder.pinForceN',
        },
      ],
    });
  });
});

describe('unknown keys', () => {
  it('names an unknown parameter and the one probably meant', () => {
    expect(refused(withParam('plasma', 'rfPower', '300'))).toEqual([
      {
        code: 'unknown-key',
        message:
          't.yaml:4:5: modules.plasma.rfPower: is not a known plasma parameter; did you mean rfPowerW?',
        path: 'modules.plasma.rfPower',
      },
    ]);
    expect(refused(withParam('plasma', 'rfpowerw', '300'))[0]?.message).toContain('did you mean rfPowerW?');
    expect(refused(withParam('plasma', 'timeSec', '30'))[0]?.message).toContain('did you mean timeS?');
  });

  it('lists the known parameters when none is close', () => {
    expect(refused(withParam('clean', 'temperatureC', '20'))[0]?.message).toBe(
      't.yaml:4:5: modules.clean.temperatureC: is not a known clean parameter (known: rinseS, spinRpm, dryS)',
    );
  });

  it('names an unknown module, and a module kind that takes no parameters', () => {
    expect(refused('name: T\nmodules:\n  plasm:\n    timeS: 3\n')[0]?.message).toBe(
      't.yaml:3:3: modules.plasm: is not a known module; did you mean plasma?',
    );
    expect(refused('name: T\nmodules:\n  loadport: {}\n')[0]?.message).toBe(
      `t.yaml:3:3: modules.loadport: loadport takes no recipe parameters (modules with parameters: ${RECIPE_MODULES.join(', ')})`,
    );
  });

  it('names an unknown top-level key', () => {
    expect(refused('name: T\nmodule: {}\n')[0]?.message).toBe(
      't.yaml:2:1: module: is not a known recipe key; did you mean modules?',
    );
  });
});

describe('wrong types and names', () => {
  it('refuses a number given as text, a list or a mapping', () => {
    expect(refused(withParam('plasma', 'timeS', '"30"'))[0]).toEqual({
      code: 'wrong-type',
      message: 't.yaml:4:5: modules.plasma.timeS: expected number, got "30"',
      path: 'modules.plasma.timeS',
    });
    expect(refused(withParam('plasma', 'timeS', '[30]'))[0]?.message).toBe(
      't.yaml:4:5: modules.plasma.timeS: expected number, got a list of 1',
    );
    expect(refused(withParam('plasma', 'timeS', '.inf'))[0]?.code).toBe('wrong-type');
    expect(refused(withParam('plasma', 'timeS', '.nan'))[0]?.code).toBe('wrong-type');
    expect(refused('name: T\nmodules:\n  plasma: [1, 2]\n')[0]?.message).toBe(
      't.yaml:3:3: modules.plasma: expected object, got a list of 2',
    );
    expect(refused('name: T\nmodules: 3\n')[0]?.code).toBe('wrong-type');
  });

  it('requires a name that can be a PPID and a file name', () => {
    expect(refused('modules: {}\n')[0]).toEqual({
      code: 'missing',
      message: 't.yaml: name: is required (string)',
      path: 'name',
    });
    expect(refused('name: ../etc/passwd\n')[0]?.message).toBe(
      't.yaml:1:1: name: "../etc/passwd" is not a recipe name: 1 to 80 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit',
    );
    expect(refused(`name: ${'A'.repeat(81)}\n`)[0]?.code).toBe('invalid-value');
    expect(refused('name: 42\n')[0]?.code).toBe('wrong-type');
  });

  it('a version in the file must be a whole number of at least 1', () => {
    expect(accepted('name: T\nversion: 7\n').version).toBe(7);
    expect(refused('name: T\nversion: 0\n')[0]?.message).toMatch(/^t\.yaml:2:1: version: 0 is out of range/);
    expect(refused('name: T\nversion: 1.5\n')[0]?.path).toBe('version');
  });
});

describe('YAML errors', () => {
  it('a syntax error is refused at its line and column', () => {
    const issues = refused('name: T\nmodules:\n  plasma:\n    timeS: [30\n');
    expect(issues[0]?.code).toBe('syntax');
    expect(issues[0]?.message).toMatch(/^t\.yaml:\d+:\d+: YAML syntax: /);
  });

  it('a parameter given twice is refused at the second', () => {
    expect(refused('name: T\nmodules:\n  plasma:\n    timeS: 30\n    timeS: 40\n')[0]).toEqual({
      code: 'syntax',
      message: 't.yaml:5:5: YAML syntax: Map keys must be unique; "timeS" appears twice',
      path: '5:5',
    });
  });

  it('an empty file or a file that is not a mapping is refused', () => {
    expect(refused('')[0]?.message).toBe('t.yaml: (top level): expected object, got null');
    expect(refused('- a\n- b\n')[0]?.code).toBe('wrong-type');
  });
});
