// Positions in JSON text already known to be valid, for messages: where each element of the top-level
// array starts, and where a key of one of those elements sits. A small scanner (depth and strings)
// instead of a second parser, so that finding a place costs no more memory than the text.

/** Offset of each element of the top-level array. */
export function elementOffsets(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      if (depth === 1 && expectElement) {
        out.push(i);
        expectElement = false;
      }
      i = stringEnd(text, i);
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (depth === 1 && expectElement && c !== 93) {
      out.push(i);
      expectElement = false;
    }
    if (c === 91 || c === 123) {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && depth === 1) expectElement = true;
  }
  return out;
}

/**
 * Offsets of the keys of the object that starts at `from` (its own keys, not nested ones), found in
 * one scan: an element with many bad keys costs one pass, not one per key. Keys are compared as
 * written (a key spelled with escapes is not found; the element's start is named instead).
 */
export function keyOffsets(text: string, from: number): Map<string, number> {
  const out = new Map<string, number>();
  if (text.charCodeAt(from) !== 123) return out;
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      if (depth === 1 && /^\s*:/.test(text.slice(end + 1, end + 64))) {
        const key = text.slice(i + 1, end);
        if (!out.has(key)) out.set(key, i);
      }
      i = end;
      continue;
    }
    if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) {
      depth--;
      if (depth === 0) break;
    }
  }
  return out;
}

/** Offset of the closing quote of the string that opens at `i`. */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === 34) return j;
    else j++;
  }
  return j;
}

/** Line and column (1-based) of offsets in one text; the line starts are found once, on first use. */
export function textPositions(text: string): { line(offset: number): number; at(offset: number): string } {
  let starts: number[] | undefined;
  const lineIndex = (offset: number) => {
    if (starts === undefined) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    line: (offset) => lineIndex(offset) + 1,
    at: (offset) => {
      const k = lineIndex(offset);
      return `${k + 1}:${offset - starts![k]! + 1}`;
    },
  };
}
