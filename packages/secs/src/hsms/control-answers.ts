// How the session answers a peer's Select.req and Deselect.req (E37), by the state it is in.
import type { HsmsState } from './connection-state.js';
import { CONTROL_SESSION_ID, DeselectStatus, SelectStatus } from './control.js';

// E37 control requests carry 0xFFFF; peers that put the device id there are accepted too.
const namesUs = (sessionId: number, ownId: number): boolean =>
  sessionId === CONTROL_SESSION_ID || sessionId === ownId;

/**
 * Select.rsp status for a Select.req received in `state` and naming session id `sessionId` (ours:
 * `ownId`): 0 selects, 1 when already selected, 4 (no such entity) when it names neither 0xFFFF (the
 * E37 convention) nor our own id, whatever the state: that peer wants another equipment.
 */
export function selectAnswer(state: HsmsState, sessionId: number, ownId: number): number {
  if (!namesUs(sessionId, ownId)) return SelectStatus.noSuchEntity;
  return state === 'selected' ? SelectStatus.alreadyActive : SelectStatus.ok;
}

/**
 * Deselect.rsp status for a Deselect.req received in `state`, naming `sessionId`, with
 * `openTransactions` data transactions waiting for replies: 0 deselects; 1 when not selected (or when
 * it names another session entity, which was never selected here); 2 (busy) while transactions are
 * open, as E37 asks (they would otherwise be cut off, their replies rejected as "entity not selected").
 */
export function deselectAnswer(
  state: HsmsState,
  openTransactions: number,
  sessionId: number,
  ownId: number,
): number {
  if (state !== 'selected' || !namesUs(sessionId, ownId)) return DeselectStatus.notSelected;
  return openTransactions > 0 ? DeselectStatus.busy : DeselectStatus.ok;
}
