// A pair: its tool, lot, slot and recipe, its die yield, and its die yield map coloured by the cause
// that killed each die, with a legend that names each cause and counts its dies.
import { getJson } from '../api.js';
import type { PairDetail } from '../api-types.js';
import { CAUSES, causeOf, countCauses, dieMapOf, drawDieMap } from '../die-map.js';
import { h, link, replace } from '../dom.js';
import { percentText, timeText } from '../format.js';
import { pathOf } from '../router.js';
import { notFoundView } from './not-found.js';
import type { Page } from './page.js';

const MAP_PX = 420;

export const pairPage: Page = (root, ctx) => {
  const id = ctx.params.id ?? '';
  document.title = `${id} · Bondline`;
  replace(root, h('h1', {}, id), h('p', { role: 'status', class: 'muted' }, 'Loading the pair…'));
  void getJson<PairDetail>(`/api/pairs/${encodeURIComponent(id)}`, ctx.signal).then((r) => {
    if (ctx.signal.aborted) return;
    if (!r.ok) {
      const first = r.issues[0];
      if (first?.code === 'not-found') notFoundView(root, `No pair ${id} that you may see.`);
      else
        replace(root, h('h1', {}, id), h('p', { class: 'error', role: 'alert' }, first?.message ?? 'failed'));
      return;
    }
    const { pair, result } = r.value;
    const row = (term: string, value: Node | string) => [h('dt', {}, term), h('dd', {}, value)];
    replace(
      root,
      h('h1', {}, 'Pair ', h('span', { class: 'id' }, pair.id)),
      h(
        'section',
        { 'aria-labelledby': 'pair-facts' },
        h('h2', { id: 'pair-facts' }, 'Pair'),
        h(
          'dl',
          { class: 'facts' },
          ...row('Tool', link(pathOf('/tools/:id', { id: pair.toolId }), pair.toolId)),
          ...row('Lot', pair.lotId),
          ...row('Slot', String(pair.slot)),
          ...row('Recipe', pair.recipe),
          ...row('Started', timeText(pair.startedMs)),
          ...row('Ended', timeText(pair.endedMs)),
          ...row('Die yield', h('span', { 'data-yield': true }, percentText(result?.yield))),
        ),
      ),
      mapSection(result?.dieYieldMap === undefined ? undefined : dieMapOf(result.dieYieldMap)),
    );
  });
};

function mapSection(parsed: ReturnType<typeof dieMapOf> | undefined): HTMLElement {
  const title = h('h2', { id: 'pair-map' }, 'Die yield map by cause');
  const box = h('section', { 'aria-labelledby': 'pair-map', 'data-section': 'die-map' }, title);
  if (parsed === undefined) {
    box.append(h('p', { class: 'muted' }, 'No die yield map for this pair.'));
    return box;
  }
  if (!parsed.ok) {
    box.append(h('p', { class: 'error' }, `The die yield map cannot be shown: ${parsed.message}`));
    return box;
  }
  const map = parsed.value;
  const counts = countCauses(map);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': `Die yield map, ${map.rows} × ${map.cols} sites: ${summary(counts)}`,
  });
  // Measured where it is drawn, so the browser test can report it (performance entry die-map-draw).
  const start = performance.now();
  drawDieMap(canvas, map, MAP_PX);
  performance.measure('die-map-draw', { start, end: performance.now() });
  box.append(h('div', { class: 'map-row' }, canvas, legend(counts, total)));
  return box;
}

function summary(counts: Map<number, number>): string {
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([code, n]) => `${n} ${causeOf(code).name}`)
    .join(', ');
}

function legend(counts: Map<number, number>, total: number): HTMLElement {
  // A code the palette does not know is still counted, under its number.
  const extra = [...counts.keys()].filter((c) => !CAUSES.some((k) => k.code === c)).map(causeOf);
  return h(
    'table',
    { class: 'legend', 'data-legend': true },
    h('caption', {}, `${total} dies on the wafer`),
    h(
      'tbody',
      {},
      ...[...CAUSES, ...extra].map((c) => {
        const n = counts.get(c.code) ?? 0;
        return h(
          'tr',
          { 'data-cause': c.name },
          h('td', {}, swatch(c.colour)),
          h('th', { scope: 'row' }, c.name),
          h('td', { 'data-count': true }, String(n)),
          h('td', {}, total > 0 ? percentText(n / total) : '—'),
        );
      }),
    ),
  );
}

// Through the CSSOM: the page's policy (style-src 'self') refuses style attributes.
function swatch(colour: string): HTMLElement {
  const s = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  s.style.background = colour;
  return s;
}
