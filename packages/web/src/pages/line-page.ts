// The Line: every tool the signed-in user may see (a maker's user: its own), with its GEM link,
// control, processing and E10 state and current lot, and the last live record of each. A record for a
// tool reloads that tool's status (the collectors' board is not on the stream), a few at a time.
import { getJson } from '../api.js';
import type { Page as ApiPage, StreamRecord, ToolListItem, ToolStatus } from '../api-types.js';
import { h, link, replace } from '../dom.js';
import { timeText } from '../format.js';
import { pathOf } from '../router.js';
import { e10Badge, linkBadge } from '../tool-states.js';
import type { Page, PageContext } from './page.js';

// A burst of records for one tool reloads its status once, this long after the first.
const STATUS_RELOAD_MS = 250;

export const linePage: Page = (root, ctx) => {
  document.title = 'Line · Bondline';
  const status = h('p', { role: 'status', class: 'muted' }, 'Loading tools…');
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'line', 'aria-labelledby': 'line-title' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Tool', 'Organisation', 'Link', 'Control', 'Processing', 'E10', 'Lot', 'Last record'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    body,
  );
  replace(root, h('h1', { id: 'line-title' }, 'Line'), status, table);
  const rows = new Map<string, HTMLTableRowElement>();
  void loadAll(ctx).then((r) => {
    if (ctx.signal.aborted) return;
    if (!r.ok) {
      replace(status, `The tools could not be read: ${r.message}`);
      status.className = 'error';
      return;
    }
    for (const item of r.items) {
      const row = toolRow(item);
      rows.set(item.tool.id, row);
      body.append(row);
    }
    replace(
      status,
      r.items.length === 0 ? 'No tools yet.' : `${r.items.length} tool${r.items.length === 1 ? '' : 's'}`,
    );
  });

  const pending = new Set<string>();
  ctx.live.on((record) => {
    const id = record.toolId;
    if (id === undefined) return;
    const row = rows.get(id);
    if (row === undefined) return;
    showRecord(row, record);
    if (pending.has(id)) return;
    pending.add(id);
    setTimeout(() => {
      pending.delete(id);
      void reloadStatus(id, row, ctx);
    }, STATUS_RELOAD_MS);
  }, ctx.signal);
};

type Loaded = { ok: true; items: ToolListItem[] } | { ok: false; message: string };

/** Every page of /api/tools. */
async function loadAll(ctx: PageContext): Promise<Loaded> {
  const items: ToolListItem[] = [];
  let cursor: string | undefined;
  do {
    const q = new URLSearchParams({ limit: '500', ...(cursor === undefined ? {} : { cursor }) });
    const r = await getJson<ApiPage<ToolListItem>>(`/api/tools?${q}`, ctx.signal);
    if (!r.ok) return { ok: false, message: r.issues.map((i) => i.message).join('; ') };
    items.push(...r.value.items);
    cursor = r.value.nextCursor;
  } while (cursor !== undefined);
  return { ok: true, items };
}

function toolRow(item: ToolListItem): HTMLTableRowElement {
  const { tool } = item;
  const row = h(
    'tr',
    { 'data-tool': tool.id },
    h(
      'th',
      { scope: 'row' },
      link(pathOf('/tools/:id', { id: tool.id }), tool.name),
      h('span', { class: 'id' }, tool.id),
    ),
    h('td', {}, tool.organisationId),
    h('td', { 'data-field': 'link' }),
    h('td', { 'data-field': 'control' }),
    h('td', { 'data-field': 'processing' }),
    h('td', { 'data-field': 'e10' }),
    h('td', { 'data-field': 'lot' }),
    h('td', { 'data-field': 'last' }, '—'),
  );
  showStatus(row, item.status);
  return row;
}

function cell(row: HTMLTableRowElement, field: string): HTMLElement | undefined {
  return row.querySelector<HTMLElement>(`[data-field="${field}"]`) ?? undefined;
}

function showStatus(row: HTMLTableRowElement, s: ToolStatus | undefined): void {
  const set = (field: string, content: Node | string): void => {
    const c = cell(row, field);
    if (c !== undefined) replace(c, content);
  };
  set('link', linkBadge(s));
  set('control', s?.control ?? '—');
  set('processing', s?.processing ?? '—');
  set('e10', e10Badge(s));
  set('lot', s?.lotId ?? '—');
}

function showRecord(row: HTMLTableRowElement, r: StreamRecord): void {
  const c = cell(row, 'last');
  if (c === undefined) return;
  const what = r.name === undefined ? r.type : `${r.type} ${r.name}`;
  replace(c, what, h('span', { class: 'muted' }, ` ${timeText(r.receivedTimeMs ?? Date.now())}`));
}

async function reloadStatus(id: string, row: HTMLTableRowElement, ctx: PageContext): Promise<void> {
  const r = await getJson<ToolListItem>(`/api/tools/${encodeURIComponent(id)}`, ctx.signal);
  if (r.ok && !ctx.signal.aborted) showStatus(row, r.value.status);
}
