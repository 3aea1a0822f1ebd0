import type { BondParams } from '@bondline/physics';
import type { ModuleKind } from '../module-kind.js';
import type { TwinParams } from '../sim/twin-params.js';

/** One module of the tool: its id (e.g. PL1) and kind. */
export interface ModuleConfig {
  id: string;
  kind: ModuleKind;
}

/** A validated tool configuration (examples/tool/tool.yaml is the default one). */
export interface ToolConfig {
  /** Where it was read from (absolute path), for messages. */
  source: string;
  tool: { id: string; name: string; maker: string; model: string; softwareRevision: string };
  /** Every module; three or more load ports, exactly one dual-arm robot, at least one of every other kind. */
  modules: ModuleConfig[];
  /** Slots per carrier (25 for a FOUP). */
  carrierSlots: number;
  /** The physics model of the bonded pair (wafer, dies, pads, overlay, voids, copper). */
  bond: BondParams;
  twin: TwinParams;
  /** Fault catalogue file (absolute path) and the default profile name or file. */
  faults: { catalogue: string; profile: string };
  /** Directory the shipped recipes are seeded from (absolute path). */
  recipeSeeds: string;
  /** Recipe selected when none is named. */
  defaultRecipe: string;
  /** Wafers a plasma or clean module processes between scheduled maintenances. */
  maintenanceEveryWafers: number;
  gem: { deviceId: number; port: number };
}
