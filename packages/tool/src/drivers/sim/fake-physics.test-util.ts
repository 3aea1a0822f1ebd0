// A deterministic stand-in for the digital twin's physics (the sim area's ProcessPhysics), for the
// controller's tests and benches: no randomness, results that follow from the inputs in one line
// each, and a log of every call so a test can check what reached the physics.
import type { BonderParams, CleanParams, InspectionParams, PlasmaParams } from '../../recipe/recipe-types.js';
import type {
  BondContext,
  BondOutcome,
  Degradation,
  OverlayTerms,
  PairMetrology,
  Particle,
  ProcessPhysics,
  SurfaceContext,
  SurfaceOutcome,
  Void,
  WaferSurface,
} from '../../sim/process-physics.js';

export interface PhysicsCall {
  op: 'incoming' | 'plasma' | 'clean' | 'handle' | 'bond' | 'inspect';
  /** Wafer id, `top+bottom` for a bond, stack id for an inspection. */
  id: string;
  moduleId?: string;
  degradation?: Degradation;
}

/** The overlay every pair gets before R2R offsets and fault drift: nm, µrad, ppm. */
export const FAKE_BASE_OVERLAY: OverlayTerms = { Tx: 12, Ty: -8, Rot: 0.3, Mag: 0.2 };

/** Dies of the fake die map (8 × 8, all on the wafer). */
const GRID = 8;

export class FakePhysics implements ProcessPhysics {
  readonly calls: PhysicsCall[] = [];
  private alignFailuresLeft: number;

  /** `failAlignments`: the first n bonds find no marks (BondOutcome.aligned false). */
  constructor(options: { failAlignments?: number } = {}) {
    this.alignFailuresLeft = options.failAlignments ?? 0;
  }

  incoming(id: string, role: 'top' | 'bottom'): WaferSurface {
    this.calls.push({ op: 'incoming', id });
    return { id, role, particles: [] };
  }

  plasma(wafer: WaferSurface, params: PlasmaParams, ctx: SurfaceContext): SurfaceOutcome {
    this.log('plasma', wafer.id, ctx.moduleId, ctx.degradation);
    return {
      particles: [...wafer.particles, ...extra(ctx)],
      trace: {
        rfForwardW: params.rfPowerW,
        rfReflectedW: params.rfPowerW / 100,
        chamberPressurePa: params.pressurePa,
      },
    };
  }

  clean(wafer: WaferSurface, params: CleanParams, ctx: SurfaceContext): SurfaceOutcome {
    this.log('clean', wafer.id, ctx.moduleId, ctx.degradation);
    return { particles: [...wafer.particles, ...extra(ctx)], trace: { spinRpm: params.spinRpm } };
  }

  handle(wafer: WaferSurface, ctx: SurfaceContext): SurfaceOutcome {
    this.log('handle', wafer.id, ctx.moduleId, ctx.degradation);
    return { particles: [...wafer.particles, ...extra(ctx)], trace: {} };
  }

  bond(top: WaferSurface, bottom: WaferSurface, params: BonderParams, ctx: BondContext): BondOutcome {
    this.log('bond', `${top.id}+${bottom.id}`, ctx.moduleId, ctx.degradation);
    const d = ctx.degradation.overlayDrift ?? {};
    const realised: OverlayTerms = {
      Tx: FAKE_BASE_OVERLAY.Tx - ctx.r2rOffsets.Tx + (d.Tx ?? 0),
      Ty: FAKE_BASE_OVERLAY.Ty - ctx.r2rOffsets.Ty + (d.Ty ?? 0),
      Rot: FAKE_BASE_OVERLAY.Rot - ctx.r2rOffsets.Rot + (d.Rot ?? 0),
      Mag: FAKE_BASE_OVERLAY.Mag - ctx.r2rOffsets.Mag + (d.Mag ?? 0),
    };
    const voids: Void[] = [...top.particles, ...bottom.particles].map((p) => ({
      xMm: p.xMm,
      yMm: p.yMm,
      diameterUm: 1000,
      cause: 'particle',
    }));
    if ((ctx.degradation.edgeVoidProbability ?? 0) >= 0.5)
      voids.push({ xMm: 145, yMm: 0, diameterUm: 2000, cause: 'edge' });
    const aligned = this.alignFailuresLeft <= 0;
    this.alignFailuresLeft--;
    return {
      topId: top.id,
      bottomId: bottom.id,
      realised,
      registration: { topResidualNm: 3, bottomResidualNm: 4, attempts: aligned ? 1 : params.alignRetries },
      aligned,
      voids,
      trace: { bondForceN: params.pinForceN, chamberPressurePa: 95000, chuckTemperatureC: 23 },
    };
  }

  inspect(
    stackId: string,
    bond: BondOutcome,
    params: InspectionParams,
    degradation: Degradation,
  ): PairMetrology {
    this.log('inspect', stackId, undefined, degradation);
    const { Tx, Ty, Rot, Mag } = bond.realised;
    // Exact 4-term overlay (align's model '4': dx = Tx + Mag·X − Rot·Y, dy = Ty + Mag·Y + Rot·X, with
    // ppm and µrad times µm giving 1e-3 nm) on a sunflower of sites inside 140 mm.
    const sites = Array.from({ length: params.sites }, (_, i) => {
      const r = 140_000 * Math.sqrt((i + 0.5) / params.sites);
      const a = i * 2.399963229728653;
      const X = r * Math.cos(a);
      const Y = r * Math.sin(a);
      return {
        wafer: stackId,
        X,
        Y,
        dx: Tx + (Mag * X - Rot * Y) / 1000,
        dy: Ty + (Mag * Y + Rot * X) / 1000,
      };
    });
    const causes = new Uint8Array(GRID * GRID);
    for (const v of bond.voids) {
      const col = Math.min(GRID - 1, Math.max(0, Math.floor(((v.xMm + 150) / 300) * GRID)));
      const row = Math.min(GRID - 1, Math.max(0, Math.floor(((v.yMm + 150) / 300) * GRID)));
      causes[row * GRID + col] = 1;
    }
    const bad = causes.reduce((n, c) => n + (c === 0 ? 0 : 1), 0);
    return {
      sites,
      voids: bond.voids.filter((v) => v.diameterUm >= params.voidThresholdUm),
      dieYield: { cols: GRID, rows: GRID, causes },
      yield: 1 - bad / (GRID * GRID),
      trace: {},
    };
  }

  /** Calls of one kind, in order. */
  callsOf(op: PhysicsCall['op']): PhysicsCall[] {
    return this.calls.filter((c) => c.op === op);
  }

  private log(
    op: PhysicsCall['op'],
    id: string,
    moduleId: string | undefined,
    degradation: Degradation,
  ): void {
    const c: PhysicsCall = { op, id, degradation };
    if (moduleId !== undefined) c.moduleId = moduleId;
    this.calls.push(c);
  }
}

/** Particles a degraded step adds: `extraParticles` of them, placed on a diagonal, named after the fault. */
function extra(ctx: SurfaceContext): Particle[] {
  const n = Math.round(ctx.degradation.extraParticles ?? 0);
  const source = ctx.degradation.faultIds?.[0] ?? ctx.moduleId;
  return Array.from({ length: n }, (_, i) => ({
    xMm: -100 + 20 * i,
    yMm: -100 + 20 * i,
    diameterUm: 5,
    source,
  }));
}
