import { fail, type Issue, issue, type Result } from '@bondline/core';
import { contextKey, type R2rContext } from './context-key.js';
import { assertControllerConfig, type ControllerConfig } from './controller-config.js';
import { type ControllerEvent, type ControllerState, nextPhase, type Phase } from './controller-state.js';
import { ewmaStep, resetState } from './ewma-step.js';

export const DEFAULT_CORRECTABLES = ['Tx', 'Ty', 'Rot', 'Mag'] as const;

/** One audited decision (accepted or refused). */
export interface AuditRecord {
  seq: number;
  /** ISO 8601 time from the injected clock. */
  at: string;
  context: string;
  correctable: string;
  event: ControllerEvent;
  phaseBefore: Phase;
  phaseAfter: Phase;
  /** Measurement inputs (measure only): output y and the input u the run was made with. */
  inputs?: { y: number; u: number };
  estimateBefore: { a: number; d: number };
  estimateAfter: { a: number; d: number };
  uRaw?: number;
  /** Input in force after the event. */
  u: number;
  clamped: boolean;
  deadband: boolean;
  /** Why the event was refused; absent when it was accepted. */
  refused?: R2rRefusalCode;
}

/** Why an event was refused (the refusal is audited too, except for an unknown correctable). */
export type R2rRefusalCode = 'illegal-transition' | 'unknown-correctable' | 'bad-measurement';

/** An accepted event: the input in force after it and its audit record. */
export interface R2rDecision {
  u: number;
  record: AuditRecord;
}

export type R2rResult = Result<R2rDecision, R2rRefusalCode>;

/** Serialised form of a controller bank (states and audit trail), JSON-safe. */
export interface R2rSnapshot {
  version: 1;
  seq: number;
  states: Record<string, Record<string, ControllerState>>;
  audit: AuditRecord[];
}

/**
 * Run-to-run controllers per context key and per correctable. Every event goes
 * through the phase table (refused moves are audited and returned as issues);
 * the clock is injected so the audit trail is reproducible.
 */
export class R2rController {
  private readonly configs: Readonly<Record<string, ControllerConfig>>;
  private readonly clock: () => Date;
  private states = new Map<string, Map<string, ControllerState>>();
  private readonly audit: AuditRecord[] = [];
  private seq = 0;

  constructor(configs: Record<string, ControllerConfig>, clock: () => Date, snapshot?: R2rSnapshot) {
    for (const c of Object.values(configs)) assertControllerConfig(c);
    this.configs = { ...configs };
    this.clock = clock;
    if (snapshot !== undefined) {
      if (snapshot.version !== 1)
        throw new RangeError(`unsupported R2R snapshot version ${snapshot.version}`);
      this.seq = snapshot.seq;
      this.audit.push(...snapshot.audit);
      for (const [ctx, per] of Object.entries(snapshot.states)) {
        this.states.set(ctx, new Map(Object.entries(per).map(([k, s]) => [k, { ...s }])));
      }
    }
  }

  /**
   * A bank with the same controller settings for each correctable (default
   * Tx, Ty, Rot, Mag, the terms the bonder can act on).
   */
  static forCorrectables(
    config: ControllerConfig,
    clock: () => Date,
    names: readonly string[] = DEFAULT_CORRECTABLES,
  ): R2rController {
    return new R2rController(Object.fromEntries(names.map((n) => [n, { ...config }])), clock);
  }

  /** The correctables this bank controls. */
  correctables(): string[] {
    return Object.keys(this.configs);
  }

  /** Input to use on the next run of `correctable` in `ctx` (refused while suspended). */
  recommend(ctx: R2rContext, correctable: string): R2rResult {
    return this.apply(ctx, correctable, 'recommend', (_c, s) => ({ state: s }));
  }

  /** Feed the measured output y of a run made with input u (default: the u in force). */
  measure(ctx: R2rContext, correctable: string, y: number, u?: number): R2rResult {
    return this.apply(ctx, correctable, 'measure', (c, s) => {
      const uUsed = u ?? s.u;
      if (!Number.isFinite(y) || !Number.isFinite(uUsed)) {
        return {
          refusal: issue(
            'bad-measurement',
            `${correctable} in ${contextKey(ctx)}: measurement y=${y}, u=${uUsed} is not finite`,
          ),
        };
      }
      const r = ewmaStep(c, s, y, uUsed);
      return { state: r.state, inputs: { y, u: uUsed }, decision: r.decision };
    });
  }

  /** Maintenance started: refuse measurements and recommendations for every correctable of the context. */
  suspend(ctx: R2rContext): R2rResult[] {
    return this.correctables().map((k) => this.apply(ctx, k, 'suspend', (_c, s) => ({ state: s })));
  }

  /** Maintenance finished (or process change): forget the estimates of every correctable of the context. */
  reset(ctx: R2rContext): R2rResult[] {
    return this.correctables().map((k) => this.apply(ctx, k, 'reset', (c) => ({ state: resetState(c) })));
  }

  /** Current state of one controller (a copy). */
  state(ctx: R2rContext, correctable: string): ControllerState | undefined {
    const s = this.states.get(contextKey(ctx))?.get(correctable);
    return s === undefined ? undefined : { ...s };
  }

  /** The audit trail, oldest first (copies). */
  auditTrail(): AuditRecord[] {
    return this.audit.map((r) => ({ ...r }));
  }

  /** Serialisable snapshot; `new R2rController(configs, clock, snapshot)` restores it. */
  snapshot(): R2rSnapshot {
    const states: R2rSnapshot['states'] = {};
    for (const [ctx, per] of this.states)
      states[ctx] = Object.fromEntries([...per].map(([k, s]) => [k, { ...s }]));
    return { version: 1, seq: this.seq, states, audit: this.auditTrail() };
  }

  private apply(
    ctx: R2rContext,
    correctable: string,
    event: ControllerEvent,
    act: (
      c: ControllerConfig,
      s: ControllerState,
    ) => {
      state?: ControllerState;
      inputs?: { y: number; u: number };
      decision?: { uRaw: number; clamped: boolean; deadband: boolean };
      refusal?: Issue<R2rRefusalCode>;
    },
  ): R2rResult {
    const config = this.configs[correctable];
    if (config === undefined) {
      return fail(issue('unknown-correctable', `no controller configured for '${correctable}'`));
    }
    const key = contextKey(ctx);
    let per = this.states.get(key);
    if (per === undefined) {
      per = new Map();
      this.states.set(key, per);
    }
    const before = per.get(correctable) ?? resetState(config);
    const to = nextPhase(before.phase, event);
    const base = {
      context: key,
      correctable,
      event,
      phaseBefore: before.phase,
      estimateBefore: { a: before.a, d: before.d },
    };
    if (to === undefined) {
      const refusal = issue(
        'illegal-transition',
        `${event} refused for ${correctable} in ${key}: controller is ${before.phase}`,
      );
      this.record({
        ...base,
        phaseAfter: before.phase,
        estimateAfter: base.estimateBefore,
        u: before.u,
        clamped: false,
        deadband: false,
        refused: refusal.code,
      });
      return fail(refusal);
    }
    const out = act(config, before);
    if (out.refusal !== undefined) {
      this.record({
        ...base,
        phaseAfter: before.phase,
        estimateAfter: base.estimateBefore,
        u: before.u,
        clamped: false,
        deadband: false,
        refused: out.refusal.code,
      });
      return fail(out.refusal);
    }
    const after: ControllerState = { ...(out.state ?? before), phase: to };
    per.set(correctable, after);
    const rec: Omit<AuditRecord, 'seq' | 'at'> = {
      ...base,
      phaseAfter: to,
      estimateAfter: { a: after.a, d: after.d },
      u: after.u,
      clamped: out.decision?.clamped ?? false,
      deadband: out.decision?.deadband ?? false,
    };
    if (out.inputs !== undefined) rec.inputs = out.inputs;
    if (out.decision !== undefined) rec.uRaw = out.decision.uRaw;
    return { ok: true, value: { u: after.u, record: this.record(rec) } };
  }

  private record(r: Omit<AuditRecord, 'seq' | 'at'>): AuditRecord {
    const full: AuditRecord = { seq: ++this.seq, at: this.clock().toISOString(), ...r };
    this.audit.push(full);
    return { ...full };
  }
}
