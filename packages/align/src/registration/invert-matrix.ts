/** Inverse of a small square matrix by Gauss-Jordan with partial pivoting; undefined if singular. */
export function invertMatrix(m: number[][]): number[][] | undefined {
  const size = m.length;
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...m.flat().map(Math.abs));
  for (let c = 0; c < size; c++) {
    let p = c;
    for (let r = c + 1; r < size; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (!(Math.abs(a[p]![c]!) > scale * 1e-13)) return undefined;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const row = a[c]!;
    const d = row[c]!;
    for (let j = 0; j < 2 * size; j++) row[j] = row[j]! / d;
    for (let r = 0; r < size; r++) {
      if (r === c) continue;
      const other = a[r]!;
      const f = other[c]!;
      if (f === 0) continue;
      for (let j = 0; j < 2 * size; j++) other[j] = other[j]! - f * row[j]!;
    }
  }
  return a.map((row) => row.slice(size));
}
