// Substrates outside their carriers after an abort: held where they are (a module in fault keeps its
// substrate and holds it once recovered), then taken out by hand: every one goes back to a slot of
// the lot's carriers (a wafer to where it came from, a stack to its destination) with its move
// recorded, and the modules that held them are released.
import type { LotRun } from './lot-run.js';
import type { ToolRuntime } from './tool-runtime.js';

/** An abort: every step in progress is cut short, and every module keeps what it holds, held. */
export function holdInPlace(rt: ToolRuntime): void {
  for (const m of rt.modules) {
    m.generation++;
    m.driver.abort();
    if (m.state === 'busy') m.fire(m.contents.length > 0 ? 'hold' : 'end');
    else if (m.state === 'idle' && m.contents.length > 0) m.fire('hold');
  }
}

export function takeOutHeld(rt: ToolRuntime, lot: LotRun): void {
  for (const m of rt.modules) {
    for (const id of [...m.contents]) {
      const pair = lot.pairOf(id);
      const kind = rt.tracker.kind(id);
      const slot = kind === 'top' ? pair.top : kind === 'bottom' ? pair.bottom : pair.destination;
      const to = { carrier: slot.carrier, slot: slot.slot };
      const { from } = rt.tracker.move(id, to, rt.nowS);
      m.remove(id);
      rt.bus.emit('substrate-moved', { substrateId: id, from, to, atS: rt.nowS });
    }
    if (m.state === 'held') m.fire('release');
  }
}

/** Substrates in the carriers docked at load port `port` (none when no lot has used it). */
export function substratesOfPort(rt: ToolRuntime, lot: LotRun | undefined, port: string): string[] {
  if (lot === undefined) return [];
  const carriers = new Set(lot.job.carriers.map((c) => c.id).filter((c) => lot.port(c) === port));
  return (
    rt.tracker
      .snapshot()
      // A bonded wafer is where its stack is: the carrier lists the stack, not its two wafers again.
      .filter(
        (r) =>
          'carrier' in r.location &&
          carriers.has(r.location.carrier) &&
          rt.tracker.stackOf(r.id) === undefined,
      )
      .map((r) => r.id)
  );
}
