// The `tickets:` block of the fab configuration (docs/fab.md §11.5): which tool alarms open tickets,
// what is captured at opening, how many pairs verification needs, and the working calendar of the
// response times. Every field has a default, so `tickets: {}` (or no block) is a working setup.
import { z } from 'zod';
import { webhookTargetSchema } from './webhooks.js';
import { workCalendarSchema } from './work-calendar.js';

const alid = z.number().int().min(0).max(4_294_967_295);

export const ticketSettingsSchema = z.strictObject({
  /** Open tickets from what the fab sees (default true). */
  enabled: z.boolean().default(true),
  alarms: z
    .strictObject({
      /**
       * E5 ALCD categories whose alarms open a ticket. Default: 1 personal safety, 2 equipment safety,
       * 4 parameter control error, 5 irrecoverable error (warnings and attention flags do not).
       */
      categories: z.array(z.number().int().min(0).max(127)).max(128).default([1, 2, 4, 5]),
      /** ALIDs that open a ticket whatever their category. */
      alids: z.array(alid).max(100_000).default([]),
      /** ALIDs that never open one (wins over both lists). */
      ignoreAlids: z.array(alid).max(100_000).default([]),
    })
    .default({ categories: [1, 2, 4, 5], alids: [], ignoreAlids: [] }),
  capture: z
    .strictObject({
      /** Trace samples stored within this many seconds before (and after) the alarm. */
      traceWindowS: z.number().int().min(0).max(3600).default(60),
      /** At most this many trace samples. */
      maxTraceSamples: z.number().int().min(0).max(1000).default(500),
      /** The tool's last alarms, the opening one included. */
      alarmHistory: z.number().int().min(0).max(1000).default(20),
      /** The tool's last pairs, with their yield. */
      pairs: z.number().int().min(0).max(100).default(5),
    })
    .default({ traceWindowS: 60, maxTraceSamples: 500, alarmHistory: 20, pairs: 5 }),
  verification: z
    .strictObject({
      /** Analysed pairs since the fix without a recurrence that verification needs (N). */
      pairs: z.number().int().min(1).max(100_000).default(25),
      /** How far under its level before the ticket the tool's yield may be since the fix (0..1). */
      yieldTolerance: z.number().min(0).max(1).default(0.02),
      /** The tool's pairs started this many hours before the ticket give the yield to recover to. */
      baselineHours: z.number().min(0.1).max(8760).default(24),
    })
    .default({ pairs: 25, yieldTolerance: 0.02, baselineHours: 24 }),
  /** Open tickets from the fab's analytics: SPC violations (per chart) and FDC faults (per recipe step). */
  violations: z
    .strictObject({ spc: z.boolean().default(true), fdc: z.boolean().default(true) })
    .default({ spc: true, fdc: true }),
  /**
   * Yield excursions (docs/fab.md §11.5): over each window of `window` analysed pairs of a tool and
   * recipe, a mean yield under `below`, or under the window before it by more than `drop`, opens (or
   * recurs on) the ticket `yield:<recipe>` of the tool.
   */
  yieldExcursion: z
    .strictObject({
      enabled: z.boolean().default(true),
      window: z.number().int().min(1).max(1000).default(10),
      below: z.number().min(0).max(1).default(0.5),
      drop: z.number().min(0).max(1).default(0.25),
    })
    .default({ enabled: true, window: 10, below: 0.5, drop: 0.25 }),
  /** The makers' systems that are told of every ticket opened or changed (docs/fab.md §13). */
  webhooks: z
    .array(webhookTargetSchema)
    .max(100)
    .default([])
    .superRefine((targets, ctx) => {
      const seen = new Set<string>();
      targets.forEach((t, i) => {
        if (seen.has(t.id))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'id'],
            message: `'${t.id}' names two targets`,
            params: { code: 'invalid-value' },
          });
        seen.add(t.id);
      });
    }),
  calendar: workCalendarSchema.default({
    timeZone: 'UTC',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '09:00',
    end: '18:00',
    holidays: [],
  }),
});

export type TicketSettingsFile = z.input<typeof ticketSettingsSchema>;
export type TicketSettings = z.output<typeof ticketSettingsSchema>;

/** The settings of an absent block. */
export const DEFAULT_TICKET_SETTINGS: TicketSettings = ticketSettingsSchema.parse({});

/** True when an alarm of `category` and `alidValue` opens (or recurs on) a ticket. */
export function alarmOpensTicket(s: TicketSettings, category: number, alidValue: number): boolean {
  if (s.alarms.ignoreAlids.includes(alidValue)) return false;
  return s.alarms.alids.includes(alidValue) || s.alarms.categories.includes(category);
}
