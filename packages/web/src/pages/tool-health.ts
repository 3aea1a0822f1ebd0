// A tool's reliability (SEMI E10 time split of the tool entity, MTBF, MTTR, availability) and the
// coverage totals of its fault catalogue, as the Tool page shows them.
import type { Coverage, Reliability } from '../api-types.js';
import { h } from '../dom.js';
import { durationText, percentText } from '../format.js';

// SEMI E10's six basic states, in the standard's order.
const E10_STATES = [
  'productive',
  'standby',
  'engineering',
  'scheduled-down',
  'unscheduled-down',
  'non-scheduled',
] as const;

export function reliabilityView(r: Reliability): Node {
  const entities = r.split.entities;
  // The tool's own entity when it names itself; otherwise the first one reported.
  const e = entities.find((x) => x.entity === (r.split.toolEntity ?? r.toolId)) ?? entities[0];
  if (e === undefined) return h('p', { class: 'muted' }, 'No E10 state changes in the period.');
  const m = e.metrics;
  const total = m.totalS;
  return h(
    'div',
    {},
    h(
      'table',
      { 'data-e10-split': true },
      h('caption', {}, `${e.entity}, over ${durationText(r.split.periodS)} (${r.split.moves} moves)`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'State'),
          h('th', { scope: 'col' }, 'Time'),
          h('th', { scope: 'col' }, 'Share'),
        ),
      ),
      h(
        'tbody',
        {},
        ...E10_STATES.map((s) => {
          const t = m.times[s] ?? 0;
          return h(
            'tr',
            {},
            h('th', { scope: 'row' }, s),
            h('td', {}, durationText(t)),
            h('td', {}, total > 0 ? percentText(t / total) : '—'),
          );
        }),
      ),
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'MTBF (productive)'),
      h('dd', { 'data-metric': 'mtbf' }, durationText(m.mtbfS)),
      h('dt', {}, 'MTTR'),
      h('dd', { 'data-metric': 'mttr' }, durationText(m.mttrS)),
      h('dt', {}, 'Failures'),
      h('dd', {}, String(m.failures)),
      h('dt', {}, 'Availability'),
      h('dd', {}, percentText(m.availability)),
      h('dt', {}, 'Utilisation'),
      h('dd', {}, percentText(m.utilisation)),
    ),
  );
}

const COVERAGE_ORDER = [
  'points',
  'not-seen',
  'occurred',
  'open',
  'fixed',
  'verified',
  'rejected',
  'silent',
] as const;

export function coverageView(c: Coverage): Node {
  return h(
    'dl',
    { class: 'facts', 'data-coverage': true },
    ...COVERAGE_ORDER.flatMap((k) => [
      h('dt', {}, k),
      h('dd', { 'data-total': k }, String(c.totals[k] ?? 0)),
    ]),
  );
}
