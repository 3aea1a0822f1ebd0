// The dashboard's entry: who is signed in (GET /api/me; a 401 shows the sign-in page), the client
// routes, the top bar and the live stream. Every page is reachable from its plain URL.
import './styles.css';
import { getJson, SIGNED_OUT_EVENT, send } from './api.js';
import type { Me } from './api-types.js';
import { LiveStream } from './live.js';
import { linePage } from './pages/line-page.js';
import { notFoundView } from './pages/not-found.js';
import type { Page } from './pages/page.js';
import { pairPage } from './pages/pair-page.js';
import { signInPage } from './pages/signin-page.js';
import { toolPage } from './pages/tool-page.js';
import { interceptLinks, matchRoute, type Route } from './router.js';
import { topBar } from './top-bar.js';

type RouteName = 'signin' | 'line' | 'tool' | 'pair';

const ROUTES: readonly Route<RouteName>[] = [
  { name: 'signin', pattern: '/signin' },
  { name: 'line', pattern: '/' },
  { name: 'tool', pattern: '/tools/:id' },
  { name: 'pair', pattern: '/pairs/:id' },
];

const PAGES: Readonly<Record<Exclude<RouteName, 'signin'>, Page>> = {
  line: linePage,
  tool: toolPage,
  pair: pairPage,
};

function element(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`index.html has no #${id}`);
  return el;
}

const main = element('main');
const live = new LiveStream();
const bar = topBar(element('top-bar'), () => void signOut());
live.onState((s) => bar.live(s));
let me: Me | undefined;
let leave = new AbortController();

async function signOut(): Promise<void> {
  await send('DELETE', '/api/session');
  me = undefined;
  live.close();
  go('/signin');
}

function go(path: string, replaceEntry = false): void {
  if (replaceEntry) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  void render();
}

async function render(): Promise<void> {
  leave.abort();
  leave = new AbortController();
  const signal = leave.signal;
  const path = location.pathname;
  const match = matchRoute(ROUTES, path);
  if (match?.name === 'signin') {
    bar.show(undefined);
    const next = new URLSearchParams(location.search).get('next');
    // Only a path of this app: never an address elsewhere (an open redirect; browsers read /\ as //).
    const target = next?.startsWith('/') && !/^\/[/\\]/.test(next) ? next : '/';
    signInPage(main, { signedIn: () => go(target, true) });
    return;
  }
  if (me === undefined) {
    const r = await getJson<Me>('/api/me', signal);
    if (signal.aborted) return;
    if (!r.ok) {
      if (r.issues[0]?.code === 'unauthenticated') go(`/signin?next=${encodeURIComponent(path)}`, true);
      else main.textContent = `The fab API did not answer: ${r.issues[0]?.message ?? 'unknown'}`;
      return;
    }
    me = r.value;
    live.open();
  }
  bar.show(me);
  if (match === undefined) {
    notFoundView(main, `Nothing at ${path}.`);
    return;
  }
  PAGES[match.name](main, { params: match.params, me, live, signal, navigate: (p) => go(p) });
  // Focus follows navigation, so a keyboard or screen-reader user starts at the new page.
  main.focus();
}

// A session that ends while a page is open (expired, signed out elsewhere): sign in again, then back.
window.addEventListener(SIGNED_OUT_EVENT, () => {
  if (me === undefined) return;
  me = undefined;
  live.close();
  go(`/signin?next=${encodeURIComponent(location.pathname)}`, true);
});

interceptLinks(document, (p) => go(p));
window.addEventListener('popstate', () => void render());
void render();
