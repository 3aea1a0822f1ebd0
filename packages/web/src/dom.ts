// A small element builder: pages are built from plain DOM nodes, text always set as text (never as
// HTML), so nothing the API returns can inject markup.

type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;
type Child = Node | string | number | undefined | false;

/** An element with attributes (false/undefined left out, true as an empty attribute) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Append children, strings and numbers as text nodes. */
function append(el: Element, children: readonly Child[]): void {
  for (const c of children) {
    if (c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

/** Replace every child of `el`. */
export function replace(el: Element, ...children: readonly Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A link the router follows without a page load (router.ts listens for clicks on `a[data-route]`). */
export function link(href: string, ...children: readonly Child[]): HTMLAnchorElement {
  return h('a', { href, 'data-route': true }, ...children);
}
