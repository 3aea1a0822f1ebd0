// Reads the fab configuration (docs/fab.md §3): YAML validated by fab-config-schema.ts, every bad field
// named with its file, line:column and key path; each tool gets its collection plan resolved.
import { resolve } from 'node:path';
import { parseWithSchema, parseYamlText, type Result, readTextFile } from '@bondline/core';
import { DEFAULT_PLAN } from './default-plan.js';
import {
  type CollectionPlan,
  type CollectorSettings,
  type FabConfigFile,
  fabConfigFileSchema,
  type ToolConfigEntry,
} from './fab-config-schema.js';

/** Largest configuration read: 4 MiB (ten thousand tools). */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** A tool of the configuration with its plan resolved. */
export interface FabTool extends Omit<ToolConfigEntry, 'plan'> {
  /** The plan's name, `default` for the built-in one. */
  readonly planName: string;
  readonly plan: CollectionPlan;
}

export interface FabConfig {
  readonly fab: FabConfigFile['fab'];
  readonly makers: FabConfigFile['makers'];
  readonly tools: readonly FabTool[];
  readonly collector: CollectorSettings;
  /** Products by name, each naming its physics bond configuration (resolved by `loadProductBonds`). */
  readonly products?: FabConfigFile['products'];
  readonly store?: FabConfigFile['store'];
  readonly bus?: FabConfigFile['bus'];
  readonly http?: FabConfigFile['http'];
  readonly r2r?: FabConfigFile['r2r'];
  /** The fault loop's tickets (docs/fab.md §11.5); absent: the defaults, on. */
  readonly tickets?: FabConfigFile['tickets'];
  readonly spc?: FabConfigFile['spc'];
}

/** Validate configuration text; `source` (a file name) prefixes every message. Pure. */
export function parseFabConfigText(text: string, source: string): Result<FabConfig> {
  const parsed = parseYamlText(text, { source });
  if (!parsed.ok) return parsed;
  const checked = parseWithSchema(fabConfigFileSchema, parsed.value.value, {
    source,
    locate: parsed.value.locate,
    knownKeys: true,
  });
  if (!checked.ok) return checked;
  const c = checked.value;
  const plans = c.plans ?? {};
  const tools = c.tools.map(({ plan, ...t }): FabTool => {
    const planName = plan ?? 'default';
    return { ...t, planName, plan: plans[planName] ?? DEFAULT_PLAN };
  });
  return {
    ok: true,
    value: {
      fab: c.fab,
      makers: c.makers,
      tools,
      collector: c.collector,
      ...(c.products === undefined ? {} : { products: c.products }),
      ...(c.store === undefined ? {} : { store: c.store }),
      ...(c.bus === undefined ? {} : { bus: c.bus }),
      ...(c.http === undefined ? {} : { http: c.http }),
      ...(c.r2r === undefined ? {} : { r2r: c.r2r }),
      ...(c.tickets === undefined ? {} : { tickets: c.tickets }),
      ...(c.spc === undefined ? {} : { spc: c.spc }),
    },
  };
}

/** Read and validate a fab configuration file. */
export async function loadFabConfig(file: string): Promise<Result<FabConfig>> {
  const text = await readTextFile(resolve(file), { maxBytes: MAX_CONFIG_BYTES });
  if (!text.ok) return text;
  return parseFabConfigText(text.value, file);
}
