import type { HsmsHeader } from './frame.js';

/** One logged frame. */
export interface CommLogEntry {
  direction: 'in' | 'out';
  header: HsmsHeader;
  body: Uint8Array;
}

/** Where a session reports every frame it sends and receives. */
export interface CommLog {
  record(entry: CommLogEntry): void;
}
