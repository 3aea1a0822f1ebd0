// docs/tool.md §7 holds the tables of the tool's equipment model: generated from the model, compared
// here, so the document cannot drift from what the equipment answers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testToolConfig } from '../config/tool-config.test-util.js';
import { gemReferenceTables } from './gem-reference.js';
import { testModel } from './gem-rig.test-util.js';

const DOC = join(import.meta.dirname, '../../../../docs/tool.md');

/** The tables between `<!-- gem-table:name -->` and `<!-- /gem-table -->`. */
function docTables(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/<!-- gem-table:([a-z-]+) -->\n([\s\S]*?)\n<!-- \/gem-table -->/g)].map((m) => [
      m[1],
      m[2],
    ]),
  );
}

describe('docs/tool.md §7 reference tables', () => {
  const model = testModel();
  const tables = gemReferenceTables(model, testToolConfig());

  it('are the tables of the model of the default tool (regenerate with gemReferenceTables)', () => {
    const doc = docTables(readFileSync(DOC, 'utf8'));
    expect(Object.keys(doc).sort()).toEqual(Object.keys(tables).sort());
    for (const [name, md] of Object.entries(tables)) expect(doc[name], `table ${name}`).toBe(md);
  });

  it('name every id of the model once: each SV (tool or module table), EC, DV, CE and remote command', () => {
    const ids = (md: string) => [...md.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    // The module table: State, E10State and Substrates cells, and `<id> \`<name>\`` per trace variable.
    const moduleIds = [...tables['module-sv'].matchAll(/\| (\d+)(?= \|)|(\d+)(?= `)/g)].map((m) =>
      Number(m[1] ?? m[2]),
    );
    const svs = [...ids(tables.sv), ...moduleIds].sort((a, b) => a - b);
    expect(svs).toEqual(model.statusVariables.map((v) => v.id).sort((a, b) => a - b));
    expect(ids(tables.ec)).toEqual(model.equipmentConstants.map((c) => c.id));
    expect(ids(tables.dv)).toEqual(model.dataVariables.map((v) => v.id));
    expect(ids(tables.ce)).toEqual(model.events.map((e) => e.id));
    expect(tables.rcmd.split('\n').length - 2).toBe(model.remoteCommands.length);
  });

  it('escape a | inside a cell so that it does not split the row', () => {
    const row = tables.dv.split('\n').find((l) => l.includes('OverlayXM3s'));
    expect(row).toBe('| 3012 | `OverlayXM3s` | F8 | nm | \\|mean\\| + 3 sigma of the sites’ x overlay |');
  });
});
