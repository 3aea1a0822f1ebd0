// Every shipped scenario (examples/scenarios/*.txt) parses against the shipped model.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exampleModel } from '../equipment/test-rig.test-util.js';
import { parseOperatorScript } from './operator-script.js';

const DIR = fileURLToPath(new URL('../../../../../examples/scenarios/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.txt'));

describe('example scenarios', () => {
  it('are there: bond cycle, alarm drill, link drop', () => {
    expect(files).toEqual(expect.arrayContaining(['alarm-drill.txt', 'bond-cycle.txt', 'link-drop.txt']));
  });
  for (const f of files)
    it(`${f} parses against examples/equipment.yaml`, () => {
      const r = parseOperatorScript(readFileSync(`${DIR}${f}`, 'utf8'), exampleModel(), f);
      expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([]);
      expect(r.ok && r.value.commands.length > 0).toBe(true);
    });
});
