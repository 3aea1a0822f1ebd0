// A tool's link, control, processing and E10 state as text and a badge colour class, so a state reads
// the same on every page. The class names carry meaning in words too (never colour alone).
import type { ToolStatus } from './api-types.js';
import { h } from './dom.js';

/** The GEM link as a badge: communicating is the only good one. */
export function linkBadge(status: ToolStatus | undefined): HTMLElement {
  const link = status?.link ?? 'unknown';
  const tone =
    link === 'communicating' ? 'good' : link === 'disconnected' || link === 'unknown' ? 'bad' : 'warn';
  return h('span', { class: `badge ${tone}` }, link);
}

/** The SEMI E10 state as a badge: productive good, down states bad, the rest neutral. */
export function e10Badge(status: ToolStatus | undefined): HTMLElement {
  const e10 = status?.e10;
  if (e10 === undefined) return h('span', { class: 'badge none' }, '—');
  const tone =
    e10 === 'productive'
      ? 'good'
      : e10 === 'unscheduled-down'
        ? 'bad'
        : e10 === 'scheduled-down'
          ? 'warn'
          : 'idle';
  return h('span', { class: `badge ${tone}` }, e10);
}
