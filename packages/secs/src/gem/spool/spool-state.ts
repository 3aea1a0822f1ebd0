// The E30 spooling state model (E30 6.5.2): SPOOL INACTIVE, or SPOOL ACTIVE with two concurrent
// sub-machines, load (SPOOL NOT FULL / SPOOL FULL) and unload (NO SPOOL OUTPUT / TRANSMIT SPOOL /
// PURGE SPOOL). The concurrent pair is flattened into one state name per combination so the whole model
// is a single table that refuses moves E30 does not allow.

import { type Transition, TransitionTable } from '@bondline/core';

type SpoolLoad = 'not-full' | 'full';
type SpoolUnload = 'no-output' | 'transmit' | 'purge';
export type SpoolStateName = 'inactive' | `active/${SpoolLoad}/${SpoolUnload}`;
export type SpoolEvent =
  /** A spoolable message arrived while the link is down (E30 transition 2). */
  | 'activate'
  /** The spool reached its bound (transition 6, sets SpoolFullTime). */
  | 'fill'
  /** S6F23 RSDC 0 with the link up (transition 8). */
  | 'transmit'
  /** S6F23 RSDC 1 (transition 9). */
  | 'purge'
  /** The link dropped while transmitting (transition 10). */
  | 'link-lost'
  /** MaxSpoolTransmit messages were sent for this request; the rest waits for the next S6F23. */
  | 'pause'
  /** The last spooled message was delivered or purged (transitions 3, 11, 12). */
  | 'emptied';

const LOADS: readonly SpoolLoad[] = ['not-full', 'full'];
const UNLOADS: readonly SpoolUnload[] = ['no-output', 'transmit', 'purge'];

function rows(): Transition<SpoolStateName, SpoolEvent>[] {
  const t: Transition<SpoolStateName, SpoolEvent>[] = [
    { from: 'inactive', on: 'activate', to: 'active/not-full/no-output' },
  ];
  for (const l of LOADS) {
    t.push({ from: `active/${l}/no-output`, on: 'transmit', to: `active/${l}/transmit` });
    t.push({ from: `active/${l}/no-output`, on: 'purge', to: `active/${l}/purge` });
    t.push({ from: `active/${l}/transmit`, on: 'purge', to: `active/${l}/purge` });
    t.push({ from: `active/${l}/transmit`, on: 'link-lost', to: `active/${l}/no-output` });
    t.push({ from: `active/${l}/transmit`, on: 'pause', to: `active/${l}/no-output` });
    t.push({ from: `active/${l}/transmit`, on: 'emptied', to: 'inactive' });
    t.push({ from: `active/${l}/purge`, on: 'emptied', to: 'inactive' });
  }
  for (const u of UNLOADS) t.push({ from: `active/not-full/${u}`, on: 'fill', to: `active/full/${u}` });
  return t;
}

/** A fresh spool state machine, starting in `initial` (a restart with messages on disk starts active). */
export function createSpoolState(
  initial: SpoolStateName = 'inactive',
): TransitionTable<SpoolStateName, SpoolEvent> {
  return new TransitionTable('spool state', rows(), initial);
}
