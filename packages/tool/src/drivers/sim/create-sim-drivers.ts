// The simulated tool's drivers: one per module of the configuration, sharing one SimWorld.
import type { ModuleConfig } from '../../config/tool-config-types.js';
import type { AnyDriver } from '../module-drivers.js';
import { SimBonder } from './sim-bonder.js';
import { SimInspection } from './sim-inspection.js';
import { SimLoadPort } from './sim-loadport.js';
import { SimRobot } from './sim-robot.js';
import { SimClean, SimFlipper, SimPlasma, SimPrealigner } from './sim-wafer-modules.js';
import { SimWorld, type SimWorldOptions } from './sim-world.js';

/** Simulated drivers for `modules`, by module id, over one twin. */
export function createSimDrivers(
  modules: readonly ModuleConfig[],
  options: SimWorldOptions,
): Map<string, AnyDriver> {
  const world = new SimWorld(options);
  const out = new Map<string, AnyDriver>();
  for (const m of modules) out.set(m.id, simDriver(m, world));
  return out;
}

function simDriver(m: ModuleConfig, world: SimWorld): AnyDriver {
  switch (m.kind) {
    case 'loadport':
      return new SimLoadPort(m.id, world);
    case 'robot':
      return new SimRobot(m.id, world);
    case 'prealigner':
      return new SimPrealigner(m.id, world);
    case 'plasma':
      return new SimPlasma(m.id, world);
    case 'clean':
      return new SimClean(m.id, world);
    case 'flipper':
      return new SimFlipper(m.id, world);
    case 'bonder':
      return new SimBonder(m.id, world);
    case 'inspection':
      return new SimInspection(m.id, world);
  }
}
