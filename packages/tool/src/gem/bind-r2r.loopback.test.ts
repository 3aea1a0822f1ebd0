// The aligner's R2R offsets as equipment constants over a real loopback HSMS connection: S2F15 within
// the limits is applied to the tool, outside them refused (EAC 3) with nothing changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  F4,
  F8,
  GemEquipment,
  HsmsSession,
  I4,
  jsonStateStore,
  plainValue,
  recipeDirectory,
} from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { testToolConfig } from '../config/tool-config.test-util.js';
import { bindTool } from './bind-tool.js';
import { FakeTool } from './fake-tool.test-util.js';
import { testCatalogue } from './gem-fixtures.test-util.js';
import { type GemRig, record, startOnlineRig, testModel, until } from './gem-rig.test-util.js';

let rig: GemRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function online(): Promise<GemRig> {
  rig = await startOnlineRig();
  return rig;
}

describe('R2R equipment constants', () => {
  it('S2F15 within the limits: EAC 0, applied to the tool, ConstantChanged per constant', async () => {
    const r = await online();
    expect(await r.host.defineReports([{ rptid: 1, vids: ['ChangedEcid'] }])).toBe(0);
    expect(await r.host.linkEvents([{ ceid: 4011, rptids: [1] }])).toBe(0);
    const events = record(r.host, 'event');
    expect(
      await r.host.setConstants([
        { ecid: 'R2R_TX_NM', value: F8(-250.5) },
        { ecid: 'R2R_MAG_PPM', value: F4(0.25) },
      ]),
    ).toBe(0);
    expect(r.tool.state.r2rOffsets).toEqual({ Tx: -250.5, Ty: 0, Rot: 0, Mag: 0.25 });
    expect(await r.host.readConstants(['R2R_TX_NM', 'R2R_MAG_PPM'])).toEqual({
      R2R_TX_NM: -250.5,
      R2R_MAG_PPM: 0.25,
    });
    // An integer item for an F8 constant is taken too (hosts differ in the format they send).
    expect(await r.host.setConstants([{ ecid: 'R2R_ROT_URAD', value: I4(-3) }])).toBe(0);
    expect(r.tool.state.r2rOffsets).toEqual({ Tx: -250.5, Ty: 0, Rot: -3, Mag: 0.25 });
    await until(() => events.length >= 1, 'ConstantChanged');
    expect(events[0]?.name).toBe('ConstantChanged');
  });

  it('S2F15 outside the limits: EAC 3, all or nothing, the tool keeps its offsets', async () => {
    const r = await online();
    const before = r.tool.calls.length;
    expect(
      await r.host.setConstants([
        { ecid: 'R2R_TY_NM', value: F8(500) },
        { ecid: 'R2R_ROT_URAD', value: F8(10.5) },
      ]),
    ).toBe(3);
    expect(await r.host.setConstants([{ ecid: 'R2R_TX_NM', value: F8(-1000.01) }])).toBe(3);
    expect(r.tool.calls.length).toBe(before);
    expect(r.tool.state.r2rOffsets).toEqual({ Tx: 0, Ty: 0, Rot: 0, Mag: 0 });
    expect(await r.host.readConstants(['R2R_TY_NM'])).toEqual({ R2R_TY_NM: 0 });
    // S2F29 tells the host the limits it is held to.
    const limits = (await r.host.constantNames([2001, 2003])).map((c) => [
      c.name,
      plainValue(c.min),
      plainValue(c.max),
      c.unit,
    ]);
    expect(limits).toEqual([
      ['R2R_TX_NM', -1000, 1000, 'nm'],
      ['R2R_ROT_URAD', -10, 10, 'urad'],
    ]);
  });

  it('offsets the tool itself refuses: the constants go back to the tool’s, and the refusal is reported', async () => {
    rig = await startOnlineRig({ prepare: (t) => (t.r2rLimit = { Tx: 100, Ty: 100, Rot: 1, Mag: 1 }) });
    const r = rig;
    expect(await r.host.setConstants([{ ecid: 'R2R_TX_NM', value: F8(80) }])).toBe(0);
    expect(await r.host.setConstants([{ ecid: 'R2R_TX_NM', value: F8(400) }])).toBe(0); // within the EC limits
    expect(r.tool.state.r2rOffsets.Tx).toBe(80);
    expect(await r.host.readConstants(['R2R_TX_NM'])).toEqual({ R2R_TX_NM: 80 });
    expect(r.issues.map((i) => i.code)).toEqual(['r2r-refused']);
  });
});

describe('persisted R2R constants', () => {
  it('are applied to the tool when the binding starts (the constants are the offsets’ truth)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tool-gem-r2r-'));
    try {
      const open = async () => {
        const e = new GemEquipment({
          model: testModel(),
          session: new HsmsSession({ sessionId: 0 }),
          recipes: recipeDirectory(join(dir, 'recipes'), { sync: false }),
          store: jsonStateStore(join(dir, 'state')),
        });
        await e.start();
        return e;
      };
      const first = await open();
      first.set('R2R_TY_NM', 125);
      await first.flush();
      first.stop();
      const second = await open();
      const tool = new FakeTool(testToolConfig().modules);
      const binding = bindTool(second, tool, { config: testToolConfig(), catalogue: testCatalogue() });
      expect(tool.state.r2rOffsets).toEqual({ Tx: 0, Ty: 125, Rot: 0, Mag: 0 });
      binding.unbind();
      second.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
