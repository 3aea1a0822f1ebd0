// Client routes from plain URLs (the fab API answers index.html for any path that is not /api/* or a
// file): a table of patterns, matched in order; links marked `data-route` navigate with the History
// API, other links (and modified clicks: a new tab) are left to the browser.

export interface Match<N extends string> {
  readonly name: N;
  readonly params: Readonly<Record<string, string>>;
}

export interface Route<N extends string> {
  readonly name: N;
  /** `/tools/:id`: a `:name` segment matches one non-empty path segment, percent-decoded. */
  readonly pattern: string;
}

/** The first route that matches `path`, or undefined. */
export function matchRoute<N extends string>(
  routes: readonly Route<N>[],
  path: string,
): Match<N> | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  for (const route of routes) {
    const wanted = route.pattern.split('/').filter((s) => s !== '');
    if (wanted.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    wanted.forEach((w, i) => {
      const s = segments[i] ?? '';
      if (w.startsWith(':')) {
        const decoded = decodeSegment(s);
        if (decoded === undefined) matched = false;
        else params[w.slice(1)] = decoded;
      } else if (w !== s) matched = false;
    });
    if (matched) return { name: route.name, params };
  }
  return undefined;
}

function decodeSegment(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** The path of a route with its parameters percent-encoded: `pathOf('/tools/:id', { id })`. */
export function pathOf(pattern: string, params: Readonly<Record<string, string>>): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** Follow clicks on `a[data-route]` with `go` instead of a page load. */
export function interceptLinks(root: Document, go: (path: string) => void): void {
  root.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target instanceof Element ? e.target.closest('a[data-route]') : null;
    if (!(a instanceof HTMLAnchorElement) || a.origin !== location.origin) return;
    e.preventDefault();
    go(a.pathname + a.search);
  });
}
