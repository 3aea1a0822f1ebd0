// The modules of the configuration as the binding needs them: which kind a module id is, which trace
// variable a trace name is for that kind, and the substrates each module holds (its Substrates SV).
// A module or trace name the model does not have is reported once, not on every event.

import type { ModuleConfig } from '../config/tool-config-types.js';
import type { Location, ToolStatus } from '../controller/tool-api.js';
import type { ModuleKind } from '../module-kind.js';
import type { GemPort } from './gem-port.js';
import { moduleSvName } from './tool-status-variables.js';
import { TRACE_VARIABLES, type TraceVariable } from './trace-variables.js';

export class ModuleIndex {
  private readonly kinds: ReadonlyMap<string, ModuleKind>;

  constructor(
    modules: readonly ModuleConfig[],
    private readonly gem: GemPort,
  ) {
    this.kinds = new Map(modules.map((m) => [m.id, m.kind]));
  }

  /** The kind of module `id`, or undefined (reported once) when the configuration has no such module. */
  kind(id: string): ModuleKind | undefined {
    const kind = this.kinds.get(id);
    if (kind === undefined)
      this.gem.reportOnce(
        'unknown-module',
        id,
        `the tool reported module ${id}, which the configuration lacks`,
      );
    return kind;
  }

  /** The trace variable of `source` (rfForwardW...) for module `id`, or undefined (reported once). */
  traceVariable(id: string, source: string): TraceVariable | undefined {
    const kind = this.kind(id);
    if (kind === undefined) return undefined;
    const t = TRACE_VARIABLES[kind]?.find((v) => v.source === source);
    if (t === undefined)
      this.gem.reportOnce(
        'unknown-trace',
        `${kind} ${source}`,
        `no trace variable for ${source} of a ${kind} module`,
      );
    return t;
  }

  /**
   * Set the Substrates SV of the modules `ids` from the controller's status: the controller tracks
   * substrates (a pair becomes a stack inside the bonder without moving), the binding only shows it.
   */
  refreshSubstrates(ids: readonly string[], status: ToolStatus): void {
    for (const m of status.modules)
      if (ids.includes(m.id) && this.kind(m.id) !== undefined)
        this.gem.set(moduleSvName.substrates(m.id), m.substrateIds.join(','));
  }
}

/** A location as the SubstrateMoved data shows it: the module id, or carrier:slot. */
export function locationText(loc: Location): string {
  return 'module' in loc ? loc.module : `${loc.carrier}:${loc.slot}`;
}
