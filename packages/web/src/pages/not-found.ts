// What a page shows for what is not there, or not the user's to see: the API answers both alike.
import { h, link, replace } from '../dom.js';

export function notFoundView(root: HTMLElement, message: string): void {
  document.title = 'Not found · Bondline';
  replace(
    root,
    h('h1', { 'data-not-found': true }, 'Not found'),
    h('p', {}, message),
    h('p', {}, link('/', 'Back to the line')),
  );
}
