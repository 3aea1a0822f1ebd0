import { describe, expect, it } from 'vitest';
import { createSpoolState } from './spool-state.js';

describe('E30 spool state table', () => {
  it('follows activate -> fill -> transmit -> emptied', () => {
    const s = createSpoolState();
    for (const [ev, to] of [
      ['activate', 'active/not-full/no-output'],
      ['fill', 'active/full/no-output'],
      ['transmit', 'active/full/transmit'],
      ['link-lost', 'active/full/no-output'],
      ['purge', 'active/full/purge'],
      ['emptied', 'inactive'],
    ] as const) {
      expect(s.fire(ev)).toMatchObject({ ok: true, value: { to } });
    }
  });

  it('refuses moves E30 does not allow', () => {
    const s = createSpoolState();
    expect(s.fire('transmit')).toMatchObject({ ok: false, issues: [{ code: 'illegal-transition' }] });
    expect(s.fire('emptied').ok).toBe(false);
    s.fire('activate');
    expect(s.fire('activate').ok).toBe(false);
    expect(s.fire('emptied').ok).toBe(false); // only by delivery or purge
    s.fire('fill');
    expect(s.fire('fill').ok).toBe(false);
    expect(s.state).toBe('active/full/no-output');
  });
});
