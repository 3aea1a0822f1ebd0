// The equipment constants GEM acts on itself (E30): OverWriteSpool, MaxSpoolTransmit, EnableSpooling,
// EstablishCommunicationsTimeout and TimeFormat, found in the model by their `builtin` kind. Values are
// read from the VariableStore when they are needed (a retry, an S6F23, a message to spool, a time to
// format), so a host's S2F15 and a value restored at start-up take effect without copying; only the
// spool's full policy lives in the Spool and is pushed to it by `applyTo`.

import type { ConstantBuiltin } from '../model/equipment-model.js';
import type { Value } from '../model/value.js';
import type { Spool } from '../spool/spool.js';
import { type TimeFormat, toTimeFormat } from './gem-time.js';
import type { SpoolPort } from './handle-spool.js';
import type { VariableStore } from './variable-store.js';

export class GemConstants {
  private readonly ids = new Map<ConstantBuiltin, number>();

  constructor(private readonly vars: VariableStore) {
    for (const c of vars.model.equipmentConstants) if (c.builtin !== undefined) this.ids.set(c.builtin, c.id);
  }

  /** True when `ecid` is one of the constants GEM acts on. */
  isBuiltin(ecid: number): boolean {
    return [...this.ids.values()].includes(ecid);
  }

  /** TimeFormat: the form of the Clock SV, S2F18, spool times and trace STIME (default 1, 16 characters). */
  get timeFormat(): TimeFormat {
    return toTimeFormat(this.value('time-format'));
  }

  /** EnableSpooling: false means nothing is spooled (true when the model does not declare it). */
  get spoolingEnabled(): boolean {
    return this.value('enable-spooling') !== false;
  }

  /** MaxSpoolTransmit: messages per S6F23 transmit, 0 = no limit (also when not declared). */
  get maxSpoolTransmit(): number {
    const v = this.value('max-spool-transmit');
    return typeof v === 'number' ? v : 0;
  }

  /** EstablishCommunicationsTimeout in ms, or `fallbackS` (the model's establishRetryS) when not declared. */
  retryDelayMs(fallbackS: number): number {
    const v = this.value('establish-communications-timeout');
    return (typeof v === 'number' ? v : fallbackS) * 1000;
  }

  /** OverWriteSpool as the spool's policy; undefined when the model does not declare it. */
  get spoolPolicy(): 'overwrite' | 'stop' | undefined {
    const v = this.value('overwrite-spool');
    return v === undefined ? undefined : v === true ? 'overwrite' : 'stop';
  }

  /** Push OverWriteSpool to the spool (at start-up, after restore, and whenever an EC changes). */
  applyTo(spool: Spool | undefined): void {
    const policy = this.spoolPolicy;
    if (spool !== undefined && policy !== undefined) spool.setPolicy(policy);
  }

  /** The spool as the S2F43/S6F23 handlers see it: a transmit stops after MaxSpoolTransmit messages. */
  spoolPort(spool: Spool): SpoolPort {
    return {
      setStreams: (req) => spool.setStreams(req),
      startTransmit: () => spool.startTransmit(this.maxSpoolTransmit),
      purge: () => spool.purge(),
    };
  }

  private value(b: ConstantBuiltin): Value | undefined {
    const id = this.ids.get(b);
    return id === undefined ? undefined : this.vars.get(id);
  }
}
