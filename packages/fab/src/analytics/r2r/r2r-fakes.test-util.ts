// A tool port for the R2R unit and route tests: the limits of a Bondline bonder's R2R constants
// (docs/tool.md §7: ±1000 nm, ±10 µrad, ±10 ppm), values kept in memory, every S2F15 recorded.
import { ok } from '@bondline/core';
import type { R2rToolPort } from './r2r-tool-port.js';

export interface FakeToolPort extends R2rToolPort {
  readonly values: Record<string, number>;
  readonly sets: { name: string; value: number }[][];
  /** EAC the next S2F15 answers (default 0). */
  eac: number;
}

const LIMITS = { R2R_TX_NM: 1000, R2R_TY_NM: 1000, R2R_ROT_URAD: 10, R2R_MAG_PPM: 10 } as const;

export function fakeToolPort(): FakeToolPort {
  const port: FakeToolPort = {
    values: { R2R_TX_NM: 0, R2R_TY_NM: 0, R2R_ROT_URAD: 0, R2R_MAG_PPM: 0 },
    sets: [],
    eac: 0,
    constantLimits: async (_tool, names) =>
      ok(
        names.map((name, i) => {
          const lim = LIMITS[name as keyof typeof LIMITS];
          return { name, ecid: 2001 + i, min: -lim, max: lim, unit: '' };
        }),
      ),
    readNumericConstants: async (_tool, names) =>
      ok(Object.fromEntries(names.map((n) => [n, port.values[n] ?? 0]))),
    setConstants: async (_tool, values) => {
      port.sets.push(values.map((v) => ({ ...v })));
      if (port.eac === 0) for (const v of values) port.values[v.name] = v.value;
      return ok({ eac: port.eac });
    },
  };
  return port;
}
