// A refusal of the tool in E5's terms (docs/tool.md §7): a refused parameter value is HCACK 3 with
// CPACK 2 ("illegal value") on that parameter, a command the tool cannot carry out in its present
// state is HCACK 2 ("cannot perform now").

import type { Issue } from '@bondline/core';
import { type CommandReply, CPACK, HCACK } from '@bondline/secs';
import type { ControlRefusal } from '../controller/tool-api.js';

/** The command parameter of a LotRequest field (a refusal's `path`). */
const PARAM_OF_FIELD: Readonly<Record<string, string>> = {
  lotId: 'LOTID',
  pairs: 'PAIRS',
  recipe: 'PPID',
  topCarrier: 'TOPCARRIER',
  bottomCarrier: 'BOTTOMCARRIER',
  stackCarrier: 'STACKCARRIER',
};

/** Refusals about a parameter value; the others say the tool's state does not allow the command. */
const VALUE_REFUSALS: ReadonlySet<ControlRefusal> = new Set([
  'unknown-recipe',
  'invalid-lot',
  'unknown-alarm',
  'out-of-range',
]);

/**
 * The reply to a command the tool refused with `issues`. A value refusal names its parameter by the
 * issue's path (a LotRequest field), else `fallback` (PPID for an unknown recipe); a parameter the host
 * did not send (`given`) cannot carry a CPACK, so a refusal of a default it relied on is HCACK 2.
 */
export function refusalReply(
  issues: readonly Issue<ControlRefusal>[],
  fallback: Readonly<Partial<Record<ControlRefusal, string>>>,
  given: ReadonlySet<string>,
): CommandReply {
  const params = new Set<string>();
  for (const i of issues) {
    if (!VALUE_REFUSALS.has(i.code)) continue;
    const name = (i.path === undefined ? undefined : PARAM_OF_FIELD[i.path]) ?? fallback[i.code];
    if (name !== undefined && given.has(name)) params.add(name);
  }
  return params.size > 0
    ? {
        hcack: HCACK.invalidParameter,
        params: [...params].map((name) => ({ name, cpack: CPACK.illegalValue })),
      }
    : { hcack: HCACK.cannotPerformNow, params: [] };
}
