// Remote commands of the tool (docs/tool.md §7): each runs a ToolControl call and answers with its
// HCACK. secs has checked the command before it gets here: known, parameters of the declared types,
// and ONLINE REMOTE (HCACK 2 otherwise, E30 4.3). The effects follow as tool events (bind-*.ts), sent
// after this reply.

import { issue } from '@bondline/core';
import { type CommandReply, HCACK, type Value } from '@bondline/secs';
import type { LotRequest, ToolControl } from '../controller/tool-api.js';
import { refusalReply } from './command-refusal.js';
import { CEID } from './gem-ids.js';
import type { GemPort } from './gem-port.js';
import type { ToolCommandName } from './tool-remote-commands.js';

type Params = Record<string, Value>;
type Runner = (params: Params) => number | CommandReply;

/** Register the runner of every remote command on the equipment. */
export function bindCommands(tool: ToolControl, gem: GemPort): void {
  const runners: Record<ToolCommandName, Runner> = {
    START: (p) => start(tool, gem, p),
    STOP: (p) => done(tool.stop(), p, HCACK.willFinishLater),
    PAUSE: (p) => done(tool.pause(), p, HCACK.willFinishLater),
    RESUME: (p) => done(tool.resume(), p, HCACK.ok),
    ABORT: (p) => done(tool.abort(), p, HCACK.willFinishLater),
    'PP-SELECT': (p) => {
      const ppid = text(p.PPID);
      const r = tool.selectRecipe(ppid);
      if (!r.ok) return refusalReply(r.issues, { 'unknown-recipe': 'PPID' }, given(p));
      gem.set('SelectedPPID', ppid);
      gem.fire(CEID.ppSelected);
      return HCACK.ok;
    },
    'CLEAR-ALARM': (p) => clearAlarm(tool, p),
  };
  for (const [name, run] of Object.entries(runners)) gem.equipment.onCommand(name, (_n, p) => run(p));
}

/** HCACK `success` when the tool accepted, else its refusal. */
function done(r: ReturnType<ToolControl['stop']>, p: Params, success: number): number | CommandReply {
  return r.ok ? success : refusalReply(r.issues, {}, given(p));
}

function start(tool: ToolControl, gem: GemPort, p: Params): number | CommandReply {
  const request: LotRequest = {
    lotId: text(p.LOTID),
    recipe: p.PPID === undefined ? tool.status().selectedRecipe : text(p.PPID),
    pairs: Number(p.PAIRS),
  };
  if (p.TOPCARRIER !== undefined) request.topCarrier = text(p.TOPCARRIER);
  if (p.BOTTOMCARRIER !== undefined) request.bottomCarrier = text(p.BOTTOMCARRIER);
  if (p.STACKCARRIER !== undefined) request.stackCarrier = text(p.STACKCARRIER);
  const r = tool.start(request);
  if (!r.ok) return refusalReply(r.issues, { 'unknown-recipe': 'PPID', 'invalid-lot': 'LOTID' }, given(p));
  // The lot's end is reported by the LotEnded event; a lot that fails is the binding owner's to see.
  r.value.done.catch((err: unknown) =>
    gem.report('lot-failed', `lot ${request.lotId}: ${err instanceof Error ? err.message : String(err)}`),
  );
  gem.set('SelectedPPID', tool.status().selectedRecipe);
  return HCACK.ok;
}

/** Operator clear of every module's alarm with this ALID; CPACK 2 on ALID when none is set. */
function clearAlarm(tool: ToolControl, p: Params): number | CommandReply {
  const alid = Number(p.ALID);
  const set = tool.status().activeAlarms.filter((a) => a.alid === alid);
  if (set.length === 0)
    return refusalReply(
      [issue('unknown-alarm', `ALID ${alid} is not set`)],
      { 'unknown-alarm': 'ALID' },
      given(p),
    );
  for (const a of set) {
    const r = tool.clearAlarm(a.faultId);
    if (!r.ok) return refusalReply(r.issues, { 'unknown-alarm': 'ALID' }, given(p));
  }
  return HCACK.ok;
}

/** Parameters secs passed are of their declared types; text ones are strings. */
const text = (v: Value | undefined): string => (typeof v === 'string' ? v : '');
const given = (p: Params): ReadonlySet<string> => new Set(Object.keys(p));
