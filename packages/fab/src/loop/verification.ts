// The fab's verification of a deployed fix (FAB.md, "The fault loop"; docs/fab.md §11.2): the fault
// point did not recur over N pairs since the fix, and the figure the fault hurt recovered to its level
// before the fault. The check is computed here; an engineer confirms it ('verify' in the workflow is
// refused unless it passed).

/** What the check needs, read from the store by the caller. */
export interface VerificationInput {
  /** Pairs the tool processed since the fix was deployed. */
  readonly pairsSinceFix: number;
  /** Pairs without the fault that verification needs (N). */
  readonly requiredPairs: number;
  /** Occurrences of the ticket's fault point since the fix was deployed. */
  readonly recurrencesSinceFix: number;
  /** The figure the fault hurt (pair yield, overlay 3σ, void count, ...), when one applies. */
  readonly figure?: FigureInput;
}

export interface FigureInput {
  readonly name: string;
  /** Its level before the fault (e.g. the mean over the pairs before the ticket opened). */
  readonly before: number;
  /** Its level since the fix (the mean over the pairs since). */
  readonly after: number;
  /** True when larger is better (yield), false when smaller is (overlay error, voids). */
  readonly higherIsBetter: boolean;
  /** How far short of `before` still counts as recovered (same unit, ≥ 0). */
  readonly tolerance: number;
}

export interface VerificationCheck {
  readonly passed: boolean;
  readonly pairsSinceFix: number;
  readonly requiredPairs: number;
  readonly recurrencesSinceFix: number;
  readonly figure?: FigureInput & { readonly recovered: boolean };
  /** Why it did not pass (empty when it passed). */
  readonly reasons: readonly string[];
}

/** Compute the check; a figure that is not finite counts as not recovered. */
export function verificationCheck(input: VerificationInput): VerificationCheck {
  const reasons: string[] = [];
  if (input.pairsSinceFix < input.requiredPairs)
    reasons.push(`${input.pairsSinceFix} of the ${input.requiredPairs} pairs needed since the fix`);
  if (input.recurrencesSinceFix > 0)
    reasons.push(
      `the fault point recurred ${input.recurrencesSinceFix} time${input.recurrencesSinceFix === 1 ? '' : 's'} since the fix`,
    );
  let figure: VerificationCheck['figure'];
  if (input.figure !== undefined) {
    const f = input.figure;
    const finite = Number.isFinite(f.before) && Number.isFinite(f.after) && Number.isFinite(f.tolerance);
    const recovered =
      finite && (f.higherIsBetter ? f.after >= f.before - f.tolerance : f.after <= f.before + f.tolerance);
    figure = { ...f, recovered };
    if (!recovered)
      reasons.push(
        `${f.name} is ${fmt(f.after)} since the fix against ${fmt(f.before)} before the fault (tolerance ${fmt(f.tolerance)})`,
      );
  }
  return {
    passed: reasons.length === 0,
    pairsSinceFix: input.pairsSinceFix,
    requiredPairs: input.requiredPairs,
    recurrencesSinceFix: input.recurrencesSinceFix,
    ...(figure === undefined ? {} : { figure }),
    reasons,
  };
}

const fmt = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));
