// One R2R context's state inside the service (docs/fab.md §10): its align controller bank, held and
// frozen flags, its action numbering, and the view the API shows; the context key parsed back.
import { type ControllerConfig, type ControllerState, type R2rContext, R2rController } from '@bondline/align';
import type { FabStore } from '../../store/fab-store.js';
import type { JsonObject } from '../../store/json-value.js';
import type { FabR2rContext } from './r2r-context.js';
import { type ContextSettings, type PerTerm, R2R_TERMS, type R2rTerm } from './r2r-settings.js';

/** A context as the API shows it. */
export interface R2rContextView extends FabR2rContext {
  readonly key: string;
  readonly held?: { readonly reason: string; readonly sinceMs: number };
  readonly frozen?: { readonly reason: string; readonly sinceMs: number };
  readonly pairs: number;
  readonly actions: number;
  readonly settings: ContextSettings;
  /** Each correctable's controller state (offset a, drift d, last raw input u, runs, phase). */
  readonly controller: Record<R2rTerm, ControllerState | null>;
  /** The offsets in force on the tool as far as the service knows. */
  readonly offsets: PerTerm | null;
  readonly last?: { readonly pairId: string; readonly fit: PerTerm; readonly atMs: number };
}

export interface Ctx extends FabR2rContext {
  readonly key: string;
  readonly align: R2rContext;
  readonly settings: ContextSettings;
  readonly controller: R2rController;
  held?: { reason: string; sinceMs: number };
  frozen?: { reason: string; sinceMs: number };
  pairs: number;
  actionNo: number;
  last?: { pairId: string; fit: PerTerm; atMs: number };
}

/**
 * A context's state: an EWMA / double EWMA per correctable (target 0, the settings' gain), numbered
 * after the actions the store holds for it (a restarted service continues, an insert-once key would
 * drop a repeat).
 */
export async function openContext(
  c: FabR2rContext & { key: string },
  settings: ContextSettings,
  store: FabStore,
  clock: () => number,
): Promise<Ctx> {
  const config: ControllerConfig = {
    kind: settings.kind,
    w: settings.w,
    ...(settings.kind === 'dewma' ? { w2: settings.w2 } : {}),
    gain: settings.gain,
    target: 0,
  };
  const controller = new R2rController(
    Object.fromEntries(R2R_TERMS.map((t) => [t, { ...config }])),
    () => new Date(clock()),
  );
  const last = await store.listR2rActions({ context: c.key, order: 'desc', limit: 1 });
  const ctx: Ctx = {
    ...c,
    align: { tool: c.toolId, chamber: 'bonder', product: c.product, layer: c.recipe },
    settings,
    controller,
    pairs: 0,
    actionNo: last.ok ? (last.value.items[0]?.actionNo ?? 0) : 0,
  };
  if (settings.holdAtStart) ctx.held = { reason: 'held by the configuration', sinceMs: clock() };
  return ctx;
}

/** Each correctable's controller state as JSON (null before its first event). */
export function controllerStates(c: Ctx): JsonObject {
  return Object.fromEntries(
    R2R_TERMS.map((term) => {
      const s = c.controller.state(c.align, term);
      return [term, s === undefined ? null : { ...s }];
    }),
  );
}

export function contextView(c: Ctx, offsets: PerTerm | undefined): R2rContextView {
  const controller = {} as Record<R2rTerm, ControllerState | null>;
  for (const term of R2R_TERMS) controller[term] = c.controller.state(c.align, term) ?? null;
  return {
    key: c.key,
    toolId: c.toolId,
    recipe: c.recipe,
    product: c.product,
    ...(c.held === undefined ? {} : { held: { ...c.held } }),
    ...(c.frozen === undefined ? {} : { frozen: { ...c.frozen } }),
    pairs: c.pairs,
    actions: c.actionNo,
    settings: c.settings,
    controller,
    offsets: offsets ?? null,
    ...(c.last === undefined ? {} : { last: { ...c.last, fit: { ...c.last.fit } } }),
  };
}

/** "tool+recipe+product" back to its parts, or undefined. */
export function parseContextKey(key: string): FabR2rContext | undefined {
  const parts = key.split('+');
  if (parts.length !== 3) return undefined;
  try {
    const [toolId, recipe, product] = parts.map(decodeURIComponent) as [string, string, string];
    if (toolId === '' || recipe === '' || product === '') return undefined;
    return { toolId, recipe, product };
  } catch {
    return undefined;
  }
}
