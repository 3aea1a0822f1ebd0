// The bar above every page: the product's name (a link to the Line), who is signed in and as what,
// the live stream's state, and sign-out (not in local mode: there is no session to end).
import type { Me } from './api-types.js';
import { h, link, replace } from './dom.js';
import type { LiveState } from './live.js';

export interface TopBar {
  show(me: Me | undefined): void;
  live(state: LiveState): void;
}

export function topBar(el: HTMLElement, signOut: () => void): TopBar {
  const who = h('span', { id: 'who', class: 'who' });
  const live = h('span', { id: 'live-state', class: 'live', role: 'status', 'aria-live': 'polite' });
  const out = h('button', { type: 'button', id: 'sign-out' }, 'Sign out');
  out.addEventListener('click', signOut);
  const nav = h('nav', { 'aria-label': 'Main' }, link('/', 'Line'));
  replace(
    el,
    link('/', h('strong', { class: 'brand' }, 'Bondline')),
    nav,
    h('span', { class: 'spacer' }),
    live,
    who,
    out,
  );
  return {
    show(me) {
      el.hidden = me === undefined;
      replace(who, me === undefined ? '' : `${me.userId} · ${me.role} · ${me.organisationId}`);
      out.hidden = me === undefined || me.via !== 'session';
    },
    live(state) {
      replace(live, state === 'open' ? 'live' : state === 'connecting' ? 'connecting…' : 'offline');
      live.dataset.state = state;
    },
  };
}
