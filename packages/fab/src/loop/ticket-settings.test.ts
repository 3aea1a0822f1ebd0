// The `tickets:` block: its defaults (docs/fab.md §11.5), which alarms open tickets, and bad fields
// refused by path.
import { parseWithSchema } from '@bondline/core';
import { describe, expect, it } from 'vitest';
import { alarmOpensTicket, DEFAULT_TICKET_SETTINGS, ticketSettingsSchema } from './ticket-settings.js';

describe('ticket settings', () => {
  it('defaults: on, ALCD 1, 2, 4, 5 open tickets, 25 pairs to verify, Monday to Friday 09:00–18:00 UTC', () => {
    expect(DEFAULT_TICKET_SETTINGS).toMatchObject({
      enabled: true,
      alarms: { categories: [1, 2, 4, 5], alids: [], ignoreAlids: [] },
      verification: { pairs: 25 },
      calendar: { timeZone: 'UTC', start: '09:00', end: '18:00' },
    });
    // BD-ALIGN-061 is ALCD 4 (an error), PL-RF-011's warning twin would be 3 (docs/tool.md §5.1).
    expect(alarmOpensTicket(DEFAULT_TICKET_SETTINGS, 4, 7061)).toBe(true);
    expect(alarmOpensTicket(DEFAULT_TICKET_SETTINGS, 3, 4011)).toBe(false);
  });

  it('an ALID listed opens whatever its category; an ignored one never does', () => {
    const s = ticketSettingsSchema.parse({ alarms: { categories: [5], alids: [4011], ignoreAlids: [7061] } });
    expect(alarmOpensTicket(s, 3, 4011)).toBe(true);
    expect(alarmOpensTicket(s, 5, 7061)).toBe(false);
    expect(alarmOpensTicket(s, 4, 1001)).toBe(false);
  });

  it('refuses bad fields by path', () => {
    const bad = parseWithSchema(ticketSettingsSchema, {
      alarms: { categories: [200] },
      calendar: { timeZone: 'Mars/Olympus' },
    });
    expect(bad.ok).toBe(false);
    const paths = bad.ok ? [] : bad.issues.map((i) => i.path);
    expect(paths).toContain('alarms.categories[0]');
    expect(paths).toContain('calendar.timeZone');
  });
});
