// What a page gets when it is shown: its route parameters, who is signed in, the live stream, and a
// signal that aborts when the page is left (its fetches and live listeners end with it).
import type { Me } from '../api-types.js';
import type { LiveStream } from '../live.js';

export interface PageContext {
  readonly params: Readonly<Record<string, string>>;
  readonly me: Me;
  readonly live: LiveStream;
  readonly signal: AbortSignal;
  navigate(path: string): void;
}

/** A page fills `root` (the main element); what it shows later it fills in as its data arrives. */
export type Page = (root: HTMLElement, ctx: PageContext) => void;
