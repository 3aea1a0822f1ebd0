// E5 ALCD categories beyond 7 over loopback: an alarm of category 8 (data integrity), accepted by the
// loader, goes out with ALCD 0x88 in S5F1 when set, 0x08 when cleared, and S5F6 lists it the same way.
import { afterEach, describe, expect, it } from 'vitest';
import { validateModel } from '../model/load-model.js';
import { exampleModel, next, type Rig, setRetryDelay, startRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('alarm category 8 (data integrity)', () => {
  it('is sent in ALCD bits 1..7 with bit 8 for set, in S5F1 and S5F6', async () => {
    const example = exampleModel();
    const loaded = validateModel({
      ...example,
      alarms: [...example.alarms, { id: 4, text: 'Recipe checksum mismatch', category: 8 }],
    });
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
    const model = loaded.value;
    setRetryDelay(model, 1);
    rig = await startRig({ model });
    expect(await rig.host.requestOnline()).toBe(0);
    const set = next<{ alcd: number; alid: number; set: boolean }>((f) => rig!.host.once('alarm', f));
    await rig.equipment.setAlarm(4);
    expect(await set).toMatchObject({ alcd: 0x88, alid: 4, set: true });
    expect(await rig.host.listAlarms([4])).toEqual([
      { alcd: 0x88, alid: 4, altx: 'Recipe checksum mismatch' },
    ]);
    const cleared = next<{ alcd: number; set: boolean }>((f) => rig!.host.once('alarm', f));
    await rig.equipment.clearAlarm(4);
    expect(await cleared).toMatchObject({ alcd: 0x08, set: false });
    expect((await rig.host.listAlarms([4]))[0]?.alcd).toBe(0x08);
  });
});
