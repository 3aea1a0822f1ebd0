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

/** Offset of `"key"` as a key of the object that starts at `from`, or undefined. */
export function keyOffset(text: string, from: number, key: string): number | undefined {
  if (text.charCodeAt(from) !== 123) return undefined;
  const quoted = JSON.stringify(key);
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      if (depth === 1 && text.slice(i, end + 1) === quoted && /^\s*:/.test(text.slice(end + 1, end + 64)))
        return i;
      i = end;
      continue;
    }
    if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) {
      depth--;
      if (depth === 0) return undefined;
    }
  }
  return undefined;
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
