// Counts of a fault catalogue per module kind and severity, and the Markdown table docs/tool.md §5
// shows (a test keeps the two equal, so the doc cannot drift from the shipped catalogue).
import { MODULE_KINDS, type ModuleKind } from '../module-kind.js';
import type { FaultCatalogue } from './fault-catalogue.js';
import type { Severity } from './fault-point.js';

export interface KindCounts {
  /** A module kind, or 'total'. */
  kind: ModuleKind | 'total';
  points: number;
  alarming: number;
  silent: number;
  bySeverity: Record<Severity, number>;
}

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error', 'critical'];

/** One row per module kind (MODULE_KINDS order), then the total. */
export function catalogueCounts(catalogue: FaultCatalogue): KindCounts[] {
  const rows: KindCounts[] = [...MODULE_KINDS, 'total' as const].map((kind) => ({
    kind,
    points: 0,
    alarming: 0,
    silent: 0,
    bySeverity: { info: 0, warning: 0, error: 0, critical: 0 },
  }));
  const total = rows[rows.length - 1];
  for (const p of catalogue.points) {
    for (const row of [rows[MODULE_KINDS.indexOf(p.module)], total]) {
      if (row === undefined) continue;
      row.points++;
      if (p.effect.stopsModule) row.alarming++;
      else row.silent++;
      row.bySeverity[p.severity]++;
    }
  }
  return rows;
}

/** The counts as a Markdown table (module, points, alarming, silent, one column per severity). */
export function countsTable(catalogue: FaultCatalogue): string {
  const head = ['module', 'points', 'alarming', 'silent', ...SEVERITIES];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of catalogueCounts(catalogue)) {
    const cells = [r.kind, r.points, r.alarming, r.silent, ...SEVERITIES.map((s) => r.bySeverity[s])];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
