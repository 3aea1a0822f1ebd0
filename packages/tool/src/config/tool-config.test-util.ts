// The default tool as tests see it (as examples/tool/tool.yaml names its modules): three load ports,
// one module of every other kind, physics' default parameters and the twin's defaults. The controller,
// scheduler and GEM tests all build on this one configuration.
import { defaultParams } from '@bondline/physics';
import { twinParamsSchema } from '../sim/twin-params.js';
import type { ModuleConfig, ToolConfig } from './tool-config-types.js';

export const TEST_MODULES: readonly ModuleConfig[] = [
  { id: 'LP1', kind: 'loadport' },
  { id: 'LP2', kind: 'loadport' },
  { id: 'LP3', kind: 'loadport' },
  { id: 'TR1', kind: 'robot' },
  { id: 'PA1', kind: 'prealigner' },
  { id: 'PL1', kind: 'plasma' },
  { id: 'CL1', kind: 'clean' },
  { id: 'FL1', kind: 'flipper' },
  { id: 'BD1', kind: 'bonder' },
  { id: 'IN1', kind: 'inspection' },
];

/** The test tool's configuration, with `overrides` in place of its fields. */
export function testToolConfig(overrides: Partial<ToolConfig> = {}): ToolConfig {
  return {
    source: '/test/tool.yaml',
    tool: {
      id: 'HB1',
      name: 'Hybrid bonder 1',
      maker: 'Bondline',
      model: 'BL-HB300',
      softwareRevision: '0.1.0',
    },
    modules: [...TEST_MODULES],
    carrierSlots: 25,
    bond: defaultParams,
    twin: twinParamsSchema.parse({}),
    faults: { catalogue: '/test/faults.yaml', profile: 'mature' },
    recipeSeeds: '/test/recipes',
    defaultRecipe: 'BOND-STD',
    maintenanceEveryWafers: 500,
    gem: { deviceId: 0, port: 5000 },
    ...overrides,
  };
}
