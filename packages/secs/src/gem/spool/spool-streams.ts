// Which primary messages are spooled, as set by S2F43 (Reset Spooling Streams and Functions).
// E30: stream 1 is never spooled; an empty function list means every function of that stream; an empty
// request list turns spooling off. Only primaries (odd functions) can be named.

/** One S2F43 entry: a stream and the functions to spool (empty = all). */
export interface SpoolStreamRequest {
  stream: number;
  functions: readonly number[];
}

/** S2F44 STRACK per refused stream. */
export const STRACK = {
  notAllowed: 1,
  unknownStream: 2,
  unknownFunction: 3,
  secondaryFunction: 4,
} as const;

/** S2F44 RSPACK. */
export const RSPACK = { ok: 0, rejected: 1 } as const;

export interface StreamRejection {
  stream: number;
  strack: number;
  /** The offending functions (empty when the whole stream is refused). */
  functions: number[];
}

/** Messages this equipment knows: `isKnown(stream)` for a stream, `isKnown(stream, fn)` for a function. */
export type KnownMessages = (stream: number, fn?: number) => boolean;

/** The spooled set: stream -> functions (undefined = all functions). */
export type SpoolSelection = Map<number, Set<number> | undefined>;

/** Validate an S2F43 request; the selection only when every entry is acceptable (E30: all or nothing). */
export function checkSpoolStreams(
  req: readonly SpoolStreamRequest[],
  isKnown: KnownMessages,
): { ok: true; selection: SpoolSelection } | { ok: false; rejections: StreamRejection[] } {
  const rejections: StreamRejection[] = [];
  const selection: SpoolSelection = new Map();
  for (const r of req) {
    if (r.stream === 1) {
      rejections.push({ stream: r.stream, strack: STRACK.notAllowed, functions: [] });
      continue;
    }
    if (!isKnown(r.stream)) {
      rejections.push({ stream: r.stream, strack: STRACK.unknownStream, functions: [] });
      continue;
    }
    const secondary = r.functions.filter((f) => f % 2 === 0);
    if (secondary.length > 0) {
      rejections.push({ stream: r.stream, strack: STRACK.secondaryFunction, functions: secondary });
      continue;
    }
    const unknown = r.functions.filter((f) => !isKnown(r.stream, f));
    if (unknown.length > 0) {
      rejections.push({ stream: r.stream, strack: STRACK.unknownFunction, functions: unknown });
      continue;
    }
    selection.set(r.stream, r.functions.length === 0 ? undefined : new Set(r.functions));
  }
  return rejections.length > 0 ? { ok: false, rejections } : { ok: true, selection };
}

/** True when a primary `stream`/`fn` is in the selection (never stream 1, never a secondary). */
export function isSpooled(sel: SpoolSelection, stream: number, fn: number): boolean {
  if (stream === 1 || fn % 2 === 0 || !sel.has(stream)) return false;
  const fns = sel.get(stream);
  return fns === undefined || fns.has(fn);
}

/** JSON form for the store. */
export function selectionToJson(sel: SpoolSelection): SpoolStreamRequest[] {
  return [...sel].map(([stream, fns]) => ({ stream, functions: fns === undefined ? [] : [...fns] }));
}

/** Back from the stored JSON form (already validated when it was accepted). */
export function selectionFromJson(json: readonly SpoolStreamRequest[]): SpoolSelection {
  return new Map(json.map((r) => [r.stream, r.functions.length === 0 ? undefined : new Set(r.functions)]));
}

/** S2F44 rejections refusing every stream of `req` (spooling not allowed: the spool failed or closed). */
export function notAllowed(req: readonly SpoolStreamRequest[]): StreamRejection[] {
  return req.map((r) => ({ stream: r.stream, strack: STRACK.notAllowed, functions: [] }));
}
