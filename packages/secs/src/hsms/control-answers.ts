// How the session answers a peer's Select.req and Deselect.req (E37), by the state it is in.
import type { HsmsState } from './connection-state.js';
import { DeselectStatus, SelectStatus } from './control.js';

/** Select.rsp status for a Select.req received in `state`: 0 selects, 1 when already selected. */
export function selectAnswer(state: HsmsState): number {
  return state === 'selected' ? SelectStatus.alreadyActive : SelectStatus.ok;
}

/**
 * Deselect.rsp status for a Deselect.req received in `state` with `openTransactions` data
 * transactions waiting for replies: 0 deselects; 1 when not selected; 2 (busy) while transactions are
 * open, as E37 asks (they would otherwise be cut off, their replies rejected as "entity not selected").
 */
export function deselectAnswer(state: HsmsState, openTransactions: number): number {
  if (state !== 'selected') return DeselectStatus.notSelected;
  return openTransactions > 0 ? DeselectStatus.busy : DeselectStatus.ok;
}
