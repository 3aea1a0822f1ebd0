// The fab configuration file as written (examples/fab/fab.yaml, docs/fab.md §3): the fab and its
// makers, the tools with their HSMS addresses and timers, the collection plans, and the settings of
// the store, the bus and the HTTP server. Every key is validated here; unknown keys are refused.
import { z } from 'zod';
import { r2rSettingsSchema } from '../analytics/r2r/r2r-settings.js';
import { spcSettingsSchema } from '../analytics/spc-service/spc-settings.js';
import { ticketSettingsSchema } from '../loop/ticket-settings.js';

/** An id the store keeps (organisations, tools): 1..64 of A-Z a-z 0-9 . _ -, starting with a letter or digit. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const idSchema = z.string().superRefine((v, ctx) => {
  if (!ID.test(v))
    ctx.addIssue({
      code: 'custom',
      input: v,
      params: { code: 'invalid-value' },
      message: `${JSON.stringify(v)} is not an id: 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit`,
    });
});

const nameSchema = z.string().min(1).max(200);
/** A GEM name as the tool declares it (S1F12/S1F22/S1F24); `*` in an event name matches any text. */
const gemNameSchema = z.string().min(1).max(100);

const organisationSchema = z.strictObject({ id: idSchema, name: nameSchema });

/** HSMS timers and the linktest period, ms, within E37's ranges (docs/secs.md §1.4). */
const timersSchema = z.strictObject({
  t3Ms: z.number().int().min(1000).max(120_000).optional(),
  t5Ms: z.number().int().min(1000).max(240_000).optional(),
  t6Ms: z.number().int().min(1000).max(240_000).optional(),
  t7Ms: z.number().int().min(1000).max(240_000).optional(),
  t8Ms: z.number().int().min(1000).max(120_000).optional(),
  linktestMs: z.number().int().min(0).max(3_600_000).optional(),
});

const eventPlanSchema = z.strictObject({
  /** The event's CENAME, or a pattern with `*` (e.g. `*StepEnded`); each must match an event. */
  name: gemNameSchema,
  /** Variables of its report, by name (SVs, DVs or ECs). */
  variables: z.array(gemNameSchema).max(1000).default([]),
});

const tracePlanSchema = z.strictObject({
  /** TRID. */
  id: z.number().int().min(1).max(0xffffffff),
  variables: z.array(gemNameSchema).min(1).max(100),
  /** Sample period, ms: a multiple of 10 (DSPER is hhmmsscc), 10 ms .. 24 h. */
  periodMs: z
    .number()
    .int()
    .min(10)
    .max(86_400_000)
    .refine((v) => v % 10 === 0, {
      message: 'must be a multiple of 10 ms',
      params: { code: 'invalid-value' },
    }),
  /** TOTSMP: samples in all, then the trace stops. */
  samples: z.number().int().min(1).max(0xffffffff),
  /** REPGSZ: samples per S6F1. */
  groupSize: z.number().int().min(1).max(1000).default(1),
});

const spoolSchema = z.strictObject({
  stream: z.number().int().min(2).max(127),
  /** Functions of the stream to spool; empty = all the tool spools of it. */
  functions: z.array(z.number().int().min(1).max(255)).max(255).default([]),
});

const collectionPlanSchema = z.strictObject({
  /** The status variable every report starts with: the equipment time of the data (E30 Clock). */
  timeVariable: gemNameSchema.default('Clock'),
  events: z.array(eventPlanSchema).min(1).max(1000),
  /** ALIDs to enable with S5F3: `all`, `none`, or a list. */
  alarms: z
    .union([
      z.literal('all'),
      z.literal('none'),
      z.array(z.number().int().min(0).max(0xffffffff)).max(10_000),
    ])
    .default('all'),
  trace: z.array(tracePlanSchema).max(100).default([]),
  /** What the tool keeps while the link is down (S2F43). */
  spool: z
    .array(spoolSchema)
    .max(127)
    .default([
      { stream: 5, functions: [1] },
      { stream: 6, functions: [11] },
    ]),
});

const toolSchema = z.strictObject({
  id: idSchema,
  name: nameSchema,
  /** Its maker: an organisation of `makers`. */
  maker: idSchema,
  address: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  deviceId: z.number().int().min(0).max(0x7fff),
  timers: timersSchema.default({}),
  /** Bring the tool ONLINE REMOTE (S1F17) after establishing communications. */
  onlineRemote: z.boolean().default(true),
  /** A plan of `plans` by name; default the plan named `default`, else the built-in default plan. */
  plan: z.string().min(1).max(100).optional(),
  /**
   * The product it bonds, a key of `products`: its physics model is what the per-pair analysis uses
   * (docs/fab.md §7.5). Default the product named `default`, else the simulated tool's
   * shipped model (examples/tool/bond.yaml).
   */
  product: z.string().min(1).max(100).optional(),
  /**
   * Its maker's fault catalogue (a Bondline catalogue file, YAML, relative to the fab configuration
   * file), for the tool's fault-point coverage (docs/fab.md §11.8). `fab up --demo` gives its
   * simulated bonders the shipped one.
   */
  catalogue: z.string().min(1).max(4096).optional(),
});

/** A product the fab bonds: its @bondline/physics bond configuration (wafer, dies, pads, overlay, voids, copper). */
const productSchema = z.strictObject({
  /** A physics bond configuration file (YAML), relative to the fab configuration file. */
  bond: z.string().min(1).max(4096),
});

const collectorSchema = z.strictObject({
  /** Messages of one tool received and not yet acknowledged: at this bound the collector stops reading the tool. */
  maxPendingMessages: z.number().int().min(1).max(100_000).default(1000),
  /** Records written to the sink in one call at most. */
  maxBatchRecords: z.number().int().min(1).max(100_000).default(5000),
  /** Backoff between sink retries: from `retryMinMs`, doubling up to `retryMaxMs`. */
  retryMinMs: z.number().int().min(1).max(60_000).default(50),
  retryMaxMs: z.number().int().min(1).max(600_000).default(5000),
  /**
   * A sink failing this long with messages of a tool unanswered: the collector drops the link so the
   * tool spools instead of timing out (T3) on them, and reconnects once the sink takes records again.
   */
  stallSeparateMs: z.number().int().min(100).max(600_000).default(15_000),
});

const storeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sqlite'), path: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('postgres'),
    connectionString: z.string().min(1),
    schema: z.string().min(1).max(63).optional(),
  }),
]);

const NATS_SERVER = /^nats:\/\/[^\s/,]+:\d{1,5}$/;
const natsName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (1 to 64)');
const natsSubject = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'dot-separated tokens of letters, digits, _ and -');

/** NATS JetStream of the scaled layout (docs/fab.md §4); names default to the bus's own. */
const busSchema = z.strictObject({
  servers: z.array(z.string().regex(NATS_SERVER, 'a NATS server as nats://host:port')).min(1).max(16),
  stream: natsName.optional(),
  subjectPrefix: natsSubject.optional(),
  committedSubject: natsSubject.optional(),
  statusBucket: natsName.optional(),
  /** The durable consumer store writers share. */
  durable: natsName.optional(),
});

/** The HTTP API (docs/fab.md §5). */
const httpSchema = z.strictObject({
  host: z.string().min(1).max(255).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8080),
});

export const fabConfigFileSchema = z
  .strictObject({
    fab: organisationSchema,
    makers: z.array(organisationSchema).max(1000).default([]),
    plans: z.record(z.string().min(1).max(100), collectionPlanSchema).optional(),
    products: z.record(z.string().min(1).max(100), productSchema).optional(),
    tools: z.array(toolSchema).max(10_000),
    collector: collectorSchema.default({
      maxPendingMessages: 1000,
      maxBatchRecords: 5000,
      retryMinMs: 50,
      retryMaxMs: 5000,
      stallSeparateMs: 15_000,
    }),
    store: storeSchema.optional(),
    bus: busSchema.optional(),
    http: httpSchema.optional(),
    /** The fab's run-to-run loop (docs/fab.md §10); off unless `enabled: true`. */
    r2r: r2rSettingsSchema.optional(),
    /** The fault loop's tickets (docs/fab.md §11.5); defaults apply when absent. */
    tickets: ticketSettingsSchema.optional(),
    /** SPC charts of the running fab (docs/fab.md §8.6); on where given, and with `fab up --demo`. */
    spc: spcSettingsSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const orgs = new Set<string>();
    const dup = (path: (string | number)[], what: string, id: string): void =>
      ctx.addIssue({
        code: 'custom',
        path,
        input: id,
        params: { code: 'duplicate' },
        message: `${what} ${JSON.stringify(id)} is listed twice`,
      });
    orgs.add(c.fab.id);
    c.makers.forEach((m, i) => {
      if (orgs.has(m.id)) dup(['makers', i, 'id'], 'organisation', m.id);
      orgs.add(m.id);
    });
    const tools = new Set<string>();
    c.tools.forEach((t, i) => {
      if (tools.has(t.id)) dup(['tools', i, 'id'], 'tool', t.id);
      tools.add(t.id);
      if (!c.makers.some((m) => m.id === t.maker))
        ctx.addIssue({
          code: 'custom',
          path: ['tools', i, 'maker'],
          input: t.maker,
          params: { code: 'unknown-maker' },
          message: `${JSON.stringify(t.maker)} is not one of makers (${c.makers.map((m) => m.id).join(', ') || 'none listed'})`,
        });
      if (t.plan !== undefined && c.plans?.[t.plan] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['tools', i, 'plan'],
          input: t.plan,
          params: { code: 'unknown-plan' },
          message: `${JSON.stringify(t.plan)} is not one of plans (${Object.keys(c.plans ?? {}).join(', ') || 'none defined'})`,
        });
      if (t.product !== undefined && c.products?.[t.product] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['tools', i, 'product'],
          input: t.product,
          params: { code: 'unknown-product' },
          message: `${JSON.stringify(t.product)} is not one of products (${Object.keys(c.products ?? {}).join(', ') || 'none defined'})`,
        });
    });
    c.r2r?.contexts.forEach((rc, i) => {
      if (!tools.has(rc.tool))
        ctx.addIssue({
          code: 'custom',
          path: ['r2r', 'contexts', i, 'tool'],
          input: rc.tool,
          params: { code: 'unknown-tool' },
          message: `${JSON.stringify(rc.tool)} is not one of tools`,
        });
    });
    if (c.collector.retryMaxMs < c.collector.retryMinMs)
      ctx.addIssue({
        code: 'custom',
        path: ['collector', 'retryMaxMs'],
        input: c.collector.retryMaxMs,
        params: { code: 'out-of-range' },
        message: `must be at least retryMinMs (${c.collector.retryMinMs})`,
      });
  });

export type FabConfigFile = z.output<typeof fabConfigFileSchema>;
export type CollectionPlan = z.output<typeof collectionPlanSchema>;
export type ToolConfigEntry = FabConfigFile['tools'][number];
export type CollectorSettings = FabConfigFile['collector'];
