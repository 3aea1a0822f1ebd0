// The simulated tool assembled from its files (docs/tool.md): the tool configuration, the recipe
// store in the state directory, the fault catalogue and a profile, the digital twin and the fault
// engine over one seed, the simulated drivers and the controller on a virtual clock. What `bondline
// tool run`, `bondline tool` and `bondline demo` start from.
import { issue, type Result } from '@bondline/core';
import { MAX_SPEED, type Pacing } from '../clock/pacing.js';
import { VirtualClock } from '../clock/virtual-clock.js';
import { defaultToolConfigPath } from '../config/default-config-path.js';
import { loadToolConfig } from '../config/tool-config.js';
import type { ToolConfig } from '../config/tool-config-types.js';
import { ToolController } from '../controller/tool-controller.js';
import type { OperatorMode } from '../controller/tool-runtime.js';
import { createSimDrivers } from '../drivers/sim/create-sim-drivers.js';
import type { FaultCatalogue } from '../faults/fault-catalogue.js';
import { FaultEngine } from '../faults/fault-engine.js';
import { type FaultProfile, withFixes } from '../faults/fault-profile.js';
import type { FixRecord, PointRate } from '../faults/fix-record.js';
import { loadCatalogue } from '../faults/load-catalogue.js';
import { loadProfile } from '../faults/load-profile.js';
import { withRateOverrides } from '../faults/rate-overrides.js';
import { type FileRecipeStore, openRecipeStore } from '../recipe/recipe-store.js';
import { createTwinPhysics } from '../sim/twin-physics.js';
import { alignFailedAlarm } from './align-failed.js';
import { toolBound } from './bound-source.js';
import { deriveSeed } from './derive-seed.js';
import { recipeLookup } from './recipe-lookup.js';

export interface SimulatedToolOptions {
  /** Tool configuration file; default defaultToolConfigPath() (examples/tool/tool.yaml). */
  configPath?: string;
  /** Recipes (seeded from the configuration's recipeSeeds), GEM state and spool. */
  stateDir: string;
  /** One seed: the twin's physics, the fault engine and the step times derive their streams from it. */
  seed: number;
  /** 'immature', 'mature' or a profile file; default the configuration's faults.profile. */
  profile?: string;
  /** Apply only the profile's first `fixes` fix records (withFixes: a point of its learning curve); default all. */
  fixes?: number;
  /**
   * Rates that replace the profile's for some fault points, after its fixes (a replay's forced
   * points, docs/tool.md §8.4); the profile's scales apply to them. An id the catalogue lacks is refused.
   */
  rateOverrides?: ReadonlyMap<string, PointRate>;
  /** Default MAX_SPEED. */
  pacing?: Pacing;
  /** Who clears operator-clear alarms; default 'simulated' (after their recoveryS). */
  operator?: OperatorMode;
}

export interface SimulatedTool {
  config: ToolConfig;
  /** Implements ToolControl. */
  controller: ToolController;
  /** The state directory's recipe store. */
  recipes: FileRecipeStore;
  catalogue: FaultCatalogue;
  profileName: string;
  /** The tool's virtual clock (seconds since it opened): what a caller schedules tool-time work on. */
  clock: VirtualClock;
  /**
   * A release or an engineering change reaching the running tool: the fix records apply in order to
   * the rates the fault engine runs on, from the next module step (FaultEngine.deployFixes, docs/tool.md
   * §5.7). Refused with one `unknown-fault` issue per record whose point is not in the catalogue
   * (nothing applied).
   */
  deployFixes(fixes: readonly FixRecord[]): Result<void>;
  /** The fix records deployed since the tool opened, in order (the profile's own are not listed). */
  deployedFixes(): readonly FixRecord[];
  /** The silent fault points acting now, by module id (what the maker's diagnosis of its own tool reads). */
  activeSilentFaults(): ReadonlyMap<string, readonly string[]>;
  close(): Promise<void>;
}

/** Open the simulated tool; refused with every issue of the configuration, catalogue, profile or recipe store. */
export async function openSimulatedTool(o: SimulatedToolOptions): Promise<Result<SimulatedTool>> {
  if (!Number.isSafeInteger(o.seed) || o.seed < 0) {
    return {
      ok: false,
      issues: [{ code: 'invalid-seed', message: `seed must be a non-negative integer, got ${o.seed}` }],
    };
  }
  const path =
    o.configPath === undefined ? await defaultToolConfigPath() : { ok: true as const, value: o.configPath };
  if (!path.ok) return path;
  const config = await loadToolConfig(path.value);
  if (!config.ok) return config;
  const catalogue = await loadCatalogue(config.value.faults.catalogue);
  if (!catalogue.ok) return catalogue;
  const loaded = await loadProfile(o.profile ?? config.value.faults.profile, catalogue.value);
  if (!loaded.ok) return loaded;
  const fixed = withFixesOf(loaded.value, o.fixes);
  if (!fixed.ok) return fixed;
  const profile = withRateOverrides(fixed.value, o.rateOverrides ?? new Map(), catalogue.value);
  if (!profile.ok) return profile;
  const alignFailed = alignFailedAlarm(catalogue.value);
  if (!alignFailed.ok) return alignFailed;
  const store = await openRecipeStore({ stateDir: o.stateDir, seedDir: config.value.recipeSeeds });
  if (!store.ok) return store;

  const clock = new VirtualClock({ pacing: o.pacing ?? MAX_SPEED });
  const physics = createTwinPhysics({
    bond: config.value.bond,
    twin: config.value.twin,
    seed: deriveSeed(o.seed, 'twin'),
  });
  const faults = new FaultEngine({
    catalogue: catalogue.value,
    profile: profile.value,
    seed: deriveSeed(o.seed, 'faults'),
  });
  const drivers = createSimDrivers(config.value.modules, {
    clock,
    physics,
    faults,
    twin: config.value.twin,
    seed: deriveSeed(o.seed, 'steps'),
    alignFailed: alignFailed.value,
  });
  const controller = new ToolController({
    config: config.value,
    drivers,
    clock,
    recipes: recipeLookup(store.value.store),
    bound: toolBound,
    operator: o.operator ?? 'simulated',
  });
  const deployed: FixRecord[] = [];
  const known = catalogue.value.byId;
  return {
    ok: true,
    value: {
      config: config.value,
      controller,
      recipes: store.value.store,
      catalogue: catalogue.value,
      profileName: profile.value.name,
      clock,
      deployFixes(fixes) {
        const unknown = fixes.filter((f) => !known.has(f.faultId));
        if (unknown.length > 0)
          return {
            ok: false,
            issues: unknown.map((f) =>
              issue(
                'unknown-fault',
                `fix ${f.id}: ${f.faultId} is not a fault point of ${catalogue.value.source}`,
                f.id,
              ),
            ),
          };
        faults.deployFixes(fixes);
        deployed.push(...fixes);
        return { ok: true, value: undefined };
      },
      deployedFixes: () => [...deployed],
      activeSilentFaults: () => faults.activeSilentByModule(clock.nowS),
      async close() {
        // A lot still running is aborted (its substrates stay tracked where they are); the clock then
        // runs out of callbacks and stops.
        if (controller.status().processState !== 'idle') controller.abort();
        await clock.idle();
      },
    },
  };
}

/** The profile after its first `fixes` fix records, or all of them. */
function withFixesOf(profile: FaultProfile, fixes: number | undefined): Result<FaultProfile> {
  if (fixes === undefined) return { ok: true, value: profile };
  if (!Number.isInteger(fixes) || fixes < 0 || fixes > profile.fixes.length) {
    return {
      ok: false,
      issues: [
        {
          code: 'invalid-fixes',
          message: `profile ${profile.name} has ${profile.fixes.length} fix records; fixes must be a whole number from 0 to ${profile.fixes.length}, got ${fixes}`,
        },
      ],
    };
  }
  return { ok: true, value: withFixes(profile, fixes) };
}
