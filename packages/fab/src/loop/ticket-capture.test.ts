// The fault point and module an alarm names: the tool's alarm text starts with the catalogue id
// (docs/tool.md §7, `<id> <text>`), whose prefix names the module kind (§5.1).
import { describe, expect, it } from 'vitest';
import type { ModuleRecord } from '../store/records.js';
import { faultPointOf, moduleOf } from './ticket-capture.js';

const mod = (id: string, kind: string): ModuleRecord => ({ type: 'module', toolId: 'B1', id, kind });

describe('alarm capture', () => {
  it('takes the fault point id from the alarm text, only when the text starts with one', () => {
    expect(faultPointOf('BD-ALIGN-061 Registration failed on every attempt')).toBe('BD-ALIGN-061');
    expect(faultPointOf('PL-RF-011')).toBe('PL-RF-011');
    expect(faultPointOf('Vacuum low on PL-RF-011')).toBeUndefined();
    expect(faultPointOf('BD-ALIGN-0611 too many digits')).toBeUndefined();
  });

  it('names the module of the kind the prefix gives when the tool has one, else the kind', () => {
    expect(moduleOf('PL-RF-011', [mod('PM1', 'plasma'), mod('BD1', 'aligner-bonder')])).toBe('PM1');
    // Two plasma modules: which one is not in the alarm, so the kind is named.
    expect(moduleOf('PL-RF-011', [mod('PM1', 'plasma'), mod('PM2', 'plasma')])).toBe('plasma');
    expect(moduleOf('LP-DOOR-001', [])).toBe('loadport');
    // A Bondline bonder reports its bond chamber as kind 'bonder' (collector/tool-setup.ts).
    expect(moduleOf('BD-ALIGN-061', [mod('PM1', 'plasma'), mod('Bonder1', 'bonder')])).toBe('Bonder1');
    expect(moduleOf('ZZ-X-001', [mod('PM1', 'plasma')])).toBeUndefined();
    expect(moduleOf(undefined, [mod('PM1', 'plasma')])).toBeUndefined();
  });
});
