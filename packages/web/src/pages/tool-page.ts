// A tool: its status, modules and recipes, its recent lots and pairs, its SEMI E10 time split with
// MTBF and MTTR, and the coverage of its fault catalogue. A tool the user may not see is answered 404
// by the API, exactly as one that does not exist, and shown as not found.
import { getJson } from '../api.js';
import type { Page as ApiPage, Coverage, Lot, PairListItem, Reliability, ToolDetail } from '../api-types.js';
import { h, link, replace } from '../dom.js';
import { timeText } from '../format.js';
import { pathOf } from '../router.js';
import { e10Badge, linkBadge } from '../tool-states.js';
import { notFoundView } from './not-found.js';
import type { Page, PageContext } from './page.js';
import { coverageView, reliabilityView } from './tool-health.js';

const RECENT = 10;

export const toolPage: Page = (root, ctx) => {
  const id = ctx.params.id ?? '';
  document.title = `${id} · Bondline`;
  replace(root, h('h1', {}, id), h('p', { role: 'status', class: 'muted' }, 'Loading the tool…'));
  const enc = encodeURIComponent(id);
  void getJson<ToolDetail>(`/api/tools/${enc}`, ctx.signal).then((r) => {
    if (ctx.signal.aborted) return;
    if (!r.ok) {
      const first = r.issues[0];
      if (first?.code === 'not-found') notFoundView(root, `No tool ${id} that you may see.`);
      else
        replace(root, h('h1', {}, id), h('p', { class: 'error', role: 'alert' }, first?.message ?? 'failed'));
      return;
    }
    const statusBox = h('section', { 'aria-labelledby': 'tool-status' });
    showDetail(statusBox, r.value);
    const lots = section('tool-lots', 'Recent lots');
    const pairs = section('tool-pairs', 'Recent pairs');
    const reliability = section('tool-reliability', 'E10 time split, MTBF, MTTR');
    const coverage = section('tool-coverage', 'Fault-point coverage');
    replace(
      root,
      h('h1', {}, r.value.tool.name, ' ', h('span', { class: 'id' }, id)),
      statusBox,
      h('div', { class: 'columns' }, lots, pairs),
      h('div', { class: 'columns' }, reliability, coverage),
    );
    fill(
      lots,
      getJson<ApiPage<Lot>>(`/api/lots?tool=${enc}&order=desc&limit=${RECENT}`, ctx.signal),
      lotsView,
    );
    fill(
      pairs,
      getJson<ApiPage<PairListItem>>(`/api/pairs?tool=${enc}&order=desc&limit=${RECENT}`, ctx.signal),
      pairsView,
    );
    fill(reliability, getJson<Reliability>(`/api/tools/${enc}/reliability`, ctx.signal), reliabilityView);
    fill(coverage, getJson<Coverage>(`/api/tools/${enc}/coverage`, ctx.signal), coverageView);
    followLive(id, statusBox, ctx);
  });
};

function section(id: string, title: string): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': id, 'data-section': id },
    h('h2', { id }, title),
    h('p', { class: 'muted' }, 'Loading…'),
  );
}

/** Fill a section with its view once its answer comes, or with the API's refusal in words. */
function fill<T>(
  box: HTMLElement,
  answer: Promise<
    { ok: true; value: T } | { ok: false; issues: readonly { code: string; message: string }[] }
  >,
  view: (value: T) => Node,
): void {
  void answer.then((r) => {
    const title = box.firstElementChild ?? h('h2');
    if (r.ok) replace(box, title, view(r.value));
    else replace(box, title, h('p', { class: 'muted' }, r.issues[0]?.message ?? 'not available'));
  });
}

function showDetail(box: HTMLElement, d: ToolDetail): void {
  const s = d.status;
  const row = (term: string, value: Node | string) => [h('dt', {}, term), h('dd', {}, value)];
  replace(
    box,
    h('h2', { id: 'tool-status' }, 'Status'),
    h(
      'dl',
      { class: 'facts' },
      ...row('Organisation', d.tool.organisationId),
      ...row('Address', d.tool.address === undefined ? '—' : `${d.tool.address}:${d.tool.port ?? ''}`),
      ...row('Link', linkBadge(s)),
      ...row('Control', s?.control ?? '—'),
      ...row('Processing', s?.processing ?? '—'),
      ...row('E10 state', e10Badge(s)),
      ...row('Lot', s?.lotId ?? '—'),
      ...row('Last message', timeText(s?.lastMessageMs)),
      ...row('Modules', d.modules.map((m) => `${m.id} (${m.kind})`).join(', ') || '—'),
      ...row('Recipes', d.recipes.map((r) => `${r.name} v${r.version}`).join(', ') || '—'),
    ),
  );
}

function lotsView(page: ApiPage<Lot>): Node {
  if (page.items.length === 0) return h('p', { class: 'muted' }, 'No lots yet.');
  return table(
    ['Lot', 'Recipe', 'Planned pairs', 'Started', 'Outcome'],
    page.items.map((l) => [
      l.id,
      l.recipe,
      String(l.plannedPairs),
      timeText(l.startedMs),
      l.outcome ?? 'running',
    ]),
  );
}

function pairsView(page: ApiPage<PairListItem>): Node {
  if (page.items.length === 0) return h('p', { class: 'muted' }, 'No pairs yet.');
  return table(
    ['Pair', 'Lot', 'Slot', 'Started', 'Die yield'],
    page.items.map((p) => [
      link(pathOf('/pairs/:id', { id: p.pair.id }), p.pair.id),
      p.pair.lotId,
      String(p.pair.slot),
      timeText(p.pair.startedMs),
      p.yield === undefined ? '—' : `${(p.yield * 100).toFixed(1)} %`,
    ]),
  );
}

function table(head: readonly string[], rows: readonly (readonly (string | Node)[])[]): HTMLTableElement {
  return h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
  );
}

// A record of this tool reloads its status (a burst once).
function followLive(id: string, box: HTMLElement, ctx: PageContext): void {
  let pending = false;
  ctx.live.on((record) => {
    if (record.toolId !== id || pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      void getJson<ToolDetail>(`/api/tools/${encodeURIComponent(id)}`, ctx.signal).then((r) => {
        if (r.ok && !ctx.signal.aborted) showDetail(box, r.value);
      });
    }, 250);
  }, ctx.signal);
}
