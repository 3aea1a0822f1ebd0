// Construction options of a GemEquipment and the events it emits to the tool code.

import type { Clock } from '../../hsms/clock.js';
import type { HsmsSession } from '../../hsms/session.js';
import type { EquipmentModel } from '../model/equipment-model.js';
import type { Spool } from '../spool/spool.js';
import type { CommunicationState } from '../state/communication-state.js';
import type { GemEquipmentError } from './gem-equipment-error.js';
import type { RecipeStore } from './recipe-directory.js';
import type { StateStore } from './state-store.js';

export interface GemEquipmentOptions {
  model: EquipmentModel;
  session: HsmsSession;
  /** Where process programs live; default: a directory store at `model.processPrograms.directory`. */
  recipes?: RecipeStore;
  /** Timers (establish-communications retry). */
  clock?: Clock;
  /** Wall time, epoch ms (the equipment clock adds the offset the host sets with S2F31). */
  wallClock?: () => number;
  /**
   * Persistence of constants, reports with links and enables, alarm enables, limits, the LOCAL/REMOTE
   * switch, the S2F31 clock offset and the DATAID counter's high-water mark.
   */
  store?: StateStore;
  /** Time allowed between PPGNT 0 and the S7F3 it granted before S9F13 (default 45 s, like T3). */
  conversationTimeoutMs?: number;
  /** Durable spool for primaries produced while the link is down (E30 6.5); none: they are dropped. */
  spool?: Spool;
}

export interface GemEquipmentEvents {
  'communication-state': { from: CommunicationState; to: CommunicationState };
  'control-state': { from: string; to: string };
  'processing-state': { from: string; to: string; event: string };
  'constants-changed': { ecids: number[] };
  terminal: { terminal: number; lines: string[] };
  /**
   * A failure not tied to a caller (an event report the host did not acknowledge, a state write that
   * failed, a handler bug), with a kebab-case `code` and the original error as `cause`.
   */
  error: GemEquipmentError;
}
