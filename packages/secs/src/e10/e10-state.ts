// The six basic equipment states of SEMI E10 (Specification for Definition and Measurement of
// Equipment Reliability, Availability, and Maintainability (RAM) and Utilization; docs/tool.md §6).
// Shared by the equipment (the tool tracks its own) and the host (the fab rebuilds a tool's time split
// from its state-change events).

/** SEMI E10 basic equipment states. */
export type E10State =
  | 'productive'
  | 'standby'
  | 'engineering'
  | 'scheduled-down'
  | 'unscheduled-down'
  | 'non-scheduled';
