// The failures of a send that only say the link is not there (any more): nothing to report when the
// message was one the equipment may drop with the link (S9, S9F13, a retried S1F13, a linktest).

import { HsmsError } from '../../hsms/errors.js';

const GONE: ReadonlySet<string> = new Set(['not-connected', 'not-selected', 'connection-closed']);

/** True when `err` is an HsmsError saying the message could not be sent or answered for lack of a link. */
export function isLinkGone(err: unknown): boolean {
  return err instanceof HsmsError && GONE.has(err.code);
}
