// Requests about a tool's equipment constants beside the collector's data path, on the tool's GEM
// host (the fab's R2R, docs/fab.md §10): their limits (S2F29), their values (S2F13), new values (S2F15).
import { fail, issue, ok, type Result } from '@bondline/core';
import { F8, type GemHost } from '@bondline/secs';

/** An equipment constant's declaration (S2F30): limits in its unit. */
export interface ConstantLimit {
  readonly name: string;
  readonly ecid: number;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

export type ConstantRequestCode = 'tool-not-ready' | 'unknown-constant' | 'request-failed' | 'unknown-tool';

function numberOf(v: unknown): number | undefined {
  const x = Array.isArray(v) || ArrayBuffer.isView(v) ? (v as ArrayLike<number | bigint>)[0] : v;
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  return undefined;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A tool's constants by the names it declared; `ids` refuses before setup or for an unknown name. */
export class ToolConstants {
  constructor(
    private readonly toolId: string,
    private readonly host: GemHost,
    private readonly ids: (names: readonly string[]) => Result<number[], ConstantRequestCode>,
  ) {}

  /**
   * S2F29 for the named constants: each one's ECID, limits and unit as the tool declares them. Refused
   * with `tool-not-ready` before the first setup, `unknown-constant` for a name the tool did not declare,
   * `request-failed` when the request fails (link lost, T3).
   */
  async limits(names: readonly string[]): Promise<Result<ConstantLimit[], ConstantRequestCode>> {
    const ids = this.ids(names);
    if (!ids.ok) return ids;
    try {
      const entries = await this.host.constantNames(ids.value);
      const out: ConstantLimit[] = [];
      for (const e of entries) {
        const min = numberOf(e.min.value);
        const max = numberOf(e.max.value);
        if (min === undefined || max === undefined)
          return fail(issue('request-failed', `${this.toolId}: ${e.name} has no numeric limits`));
        out.push({ name: e.name, ecid: e.ecid, min, max, unit: e.unit });
      }
      return ok(out);
    } catch (err) {
      return fail(issue('request-failed', `${this.toolId}: S2F29: ${messageOf(err)}`));
    }
  }

  /**
   * S2F15 with the named constants as F8 values (all or none, E30); resolves with the tool's EAC
   * (0 accepted, 1 an unknown constant, 2 busy, 3 out of range). Refused as `limits` is.
   */
  async set(
    values: readonly { name: string; value: number }[],
  ): Promise<Result<{ eac: number }, ConstantRequestCode>> {
    const ids = this.ids(values.map((v) => v.name));
    if (!ids.ok) return ids;
    try {
      const eac = await this.host.setConstants(
        values.map((v, i) => ({ ecid: ids.value[i] as number, value: F8(v.value) })),
      );
      return ok({ eac });
    } catch (err) {
      return fail(issue('request-failed', `${this.toolId}: S2F15: ${messageOf(err)}`));
    }
  }

  /** S2F13: the named constants' current values (numbers); refused as `limits` is. */
  async read(names: readonly string[]): Promise<Result<Record<string, number>, ConstantRequestCode>> {
    const ids = this.ids(names);
    if (!ids.ok) return ids;
    try {
      const values = await this.host.readConstants(ids.value);
      const out: Record<string, number> = {};
      for (const [i, n] of names.entries()) {
        const v = numberOf(values[String(ids.value[i])]);
        if (v === undefined) return fail(issue('request-failed', `${this.toolId}: ${n} is not a number`));
        out[n] = v;
      }
      return ok(out);
    } catch (err) {
      return fail(issue('request-failed', `${this.toolId}: S2F13: ${messageOf(err)}`));
    }
  }
}
