/**
 * Split one CSV line on commas, honouring double quotes (`""` inside quotes is a
 * literal quote). `columns`, when given, receives the 1-based column where each
 * cell starts. `openQuote` is the column of a quote still open at the end of the
 * line: a field that would span lines, which this format does not allow.
 */
export function splitCsvLine(line: string, columns?: number[]): { cells: string[]; openQuote?: number } {
  const cells: string[] = [];
  let start = 0;
  let i = 0;
  const n = line.length;
  while (i <= n) {
    let text = '';
    columns?.push(i + 1);
    // Unquoted stretches are sliced, not copied character by character.
    while (i < n && line.charCodeAt(i) !== 44) {
      if (line.charCodeAt(i) !== 34) {
        i++;
        continue;
      }
      text += line.slice(start, i);
      const quote = i;
      i++;
      let from = i;
      for (;;) {
        if (i >= n) {
          cells.push(text + line.slice(from, i));
          return { cells, openQuote: quote + 1 };
        }
        if (line.charCodeAt(i) === 34) {
          text += line.slice(from, i);
          if (line.charCodeAt(i + 1) !== 34) break;
          text += '"';
          i += 2;
          from = i;
        } else i++;
      }
      i++;
      start = i;
    }
    cells.push(text + line.slice(start, i));
    i++;
    start = i;
  }
  return { cells };
}
