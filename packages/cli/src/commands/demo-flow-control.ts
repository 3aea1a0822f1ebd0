// Flow control between a demo bonder and its host (docs/fab.md §6): a simulated bonder runs on a
// virtual clock many times faster than real time, and nothing in GEM makes it wait for a host that
// falls behind (a real tool is never that fast). So the demo line holds the bonder's clock while its
// host has too many of its messages unanswered (the collector answers each once it is durable) and
// lets it run again once the host has caught up: the line runs as fast as the fab takes it, and at
// `--speed max` the fab, not the spool, sets the pace.
import type { Pacing } from '@bondline/tool';

/** Messages sent and not yet answered above which the bonder's clock is held. */
export const HOLD_ABOVE = 1000;
/** ... and below which it runs again. */
const RUN_BELOW = 200;
const WATCH_MS = 20;
/**
 * A held clock's pacing: a tenth of real time, ten thousand times slower than the story's default
 * (not a stop: a paced clock sleeps until its next event, and at a thousandth of real time an event
 * an hour of tool time away would overflow the timers' 2^31 ms).
 */
export const HELD: Pacing = { mode: 'factor', factor: 0.1 };

export interface FlowControl {
  /** Times the clock was held so far. */
  holds(): number;
  stop(): void;
}

/** Watch `gem`'s open transactions and hold `tool`'s clock as above; `pacing` is the clock's own. */
export function startFlowControl(
  tool: { readonly clock: { setPacing(p: Pacing): void } },
  gem: { readonly equipment: { readonly session: { readonly openTransactions: number } } },
  pacing: Pacing,
): FlowControl {
  let held = false;
  let holds = 0;
  const timer = setInterval(() => {
    const open = gem.equipment.session.openTransactions;
    if (!held && open > HOLD_ABOVE) {
      held = true;
      holds++;
      tool.clock.setPacing(HELD);
    } else if (held && open < RUN_BELOW) {
      held = false;
      tool.clock.setPacing(pacing);
    }
  }, WATCH_MS);
  return {
    holds: () => holds,
    stop() {
      clearInterval(timer);
      if (held) tool.clock.setPacing(pacing);
    },
  };
}
