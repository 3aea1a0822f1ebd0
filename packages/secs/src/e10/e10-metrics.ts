// SEMI E10 figures of one entity from the time it spent in each state and its failures
// (docs/tool.md §6). Pure: the timeline (e10-timeline.ts) supplies the inputs.
import type { E10State } from './e10-state.js';

/** Seconds spent in each state. */
export type E10Times = Record<E10State, number>;

export interface E10Metrics {
  times: E10Times;
  /** All time observed (the six states), s. */
  totalS: number;
  /** Total time less non-scheduled time, s. */
  operationsS: number;
  /** Productive + standby + engineering, s. */
  uptimeS: number;
  /** Scheduled + unscheduled downtime, s. */
  downtimeS: number;
  /** Entries into unscheduled downtime (each one failure, each one repair). */
  failures: number;
  /** Failures that interrupted productive time. */
  productiveFailures: number;
  /** MTBFp: productive time / failures during productive time, s; undefined without such a failure. */
  mtbfS: number | undefined;
  /** MTTR: unscheduled downtime / failures, s; undefined without a failure. */
  mttrS: number | undefined;
  /** Total uptime: uptime / total time (0..1); undefined when no time was observed. */
  availability: number | undefined;
  /** Operational uptime: uptime / operations time (0..1). */
  operationalAvailability: number | undefined;
  /** Total utilisation: productive time / total time (0..1). */
  utilisation: number | undefined;
  /** Operational utilisation: productive time / operations time (0..1). */
  operationalUtilisation: number | undefined;
}

const ratio = (a: number, b: number): number | undefined => (b > 0 ? a / b : undefined);

/** The E10 figures from per-state times (s) and failure counts. */
export function e10Metrics(times: E10Times, failures: number, productiveFailures: number): E10Metrics {
  const totalS =
    times.productive +
    times.standby +
    times.engineering +
    times['scheduled-down'] +
    times['unscheduled-down'] +
    times['non-scheduled'];
  const operationsS = totalS - times['non-scheduled'];
  const uptimeS = times.productive + times.standby + times.engineering;
  return {
    times: { ...times },
    totalS,
    operationsS,
    uptimeS,
    downtimeS: times['scheduled-down'] + times['unscheduled-down'],
    failures,
    productiveFailures,
    mtbfS: productiveFailures > 0 ? times.productive / productiveFailures : undefined,
    mttrS: failures > 0 ? times['unscheduled-down'] / failures : undefined,
    availability: ratio(uptimeS, totalS),
    operationalAvailability: ratio(uptimeS, operationsS),
    utilisation: ratio(times.productive, totalS),
    operationalUtilisation: ratio(times.productive, operationsS),
  };
}
