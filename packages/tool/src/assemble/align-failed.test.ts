import { describe, expect, it } from 'vitest';
import { defaultToolConfigPath } from '../config/default-config-path.js';
import { loadToolConfig } from '../config/tool-config.js';
import { DEFAULT_ALIGN_FAILED } from '../drivers/sim/sim-world.js';
import { loadCatalogue, parseCatalogueText } from '../faults/load-catalogue.js';
import { toolEquipmentModel } from '../gem/tool-equipment-model.js';
import { alignFailedAlarm } from './align-failed.js';

describe('the aligner alarm as a catalogue point (docs/tool.md §1)', () => {
  it('is BD-ALIGN-061 of the shipped catalogue, and GEM declares it', async () => {
    const catalogue = await loadCatalogue();
    if (!catalogue.ok) throw new Error('catalogue');
    const a = alignFailedAlarm(catalogue.value);
    expect(a.ok ? a.value : a.issues).toEqual(DEFAULT_ALIGN_FAILED);
    const path = await defaultToolConfigPath();
    if (!path.ok) throw new Error('config path');
    const config = await loadToolConfig(path.value);
    if (!config.ok) throw new Error('config');
    const model = toolEquipmentModel(config.value, catalogue.value.points);
    if (!model.ok) throw new Error(model.issues.map((i) => i.message).join('\n'));
    expect(model.value.alarms.find((x) => x.id === 7061)?.text).toMatch(/^BD-ALIGN-061/);
  });

  it('is refused when the catalogue lacks the point or it raises no alarm', () => {
    const text = `version: 1\npoints:\n  bonder:\n    - id: BD-ALIGN-061\n      name: Drift\n      text: drift\n      severity: warning\n      detection: none\n      recovery: maintenance\n      recoveryS: 60\n      effect: { stopsModule: false, overlayDrift: { Tx: 5 } }\n`;
    const silent = parseCatalogueText(text, 'faults.yaml');
    if (!silent.ok) throw new Error(silent.issues.map((i) => i.message).join('\n'));
    const r = alignFailedAlarm(silent.value);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['align-alarm-missing']);
    const other = alignFailedAlarm(silent.value, 'BD-NONE-001');
    expect(other.ok ? [] : other.issues.map((i) => i.code)).toEqual(['align-alarm-missing']);
  });
});
