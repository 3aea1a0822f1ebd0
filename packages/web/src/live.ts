// The live records of GET /api/stream (server-sent events named by record type, and `ticket`): one
// EventSource for the whole app, opened once signed in; pages listen while they are shown. The
// browser reconnects by itself after a drop; the state is shown in the top bar.
import type { StreamRecord } from './api-types.js';

// The stream's event names (docs/fab.md §5, GET /api/stream); a record of another type is not shown.
const TYPES = [
  'tool',
  'lot',
  'pair',
  'pair-result',
  'event',
  'alarm',
  'ec-change',
  'ticket',
  'fdc-fault',
  'spc-violation',
] as const;

export type LiveState = 'connecting' | 'open' | 'closed';
type Listener = (record: StreamRecord) => void;

export class LiveStream {
  private source: EventSource | undefined;
  private readonly listeners = new Set<Listener>();
  private readonly stateListeners = new Set<(s: LiveState) => void>();

  /** Open the stream (again, after a sign-out). */
  open(): void {
    if (this.source !== undefined) return;
    const source = new EventSource('/api/stream');
    this.source = source;
    this.emitState('connecting');
    source.addEventListener('open', () => this.emitState('open'));
    source.addEventListener('error', () =>
      this.emitState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting'),
    );
    for (const type of TYPES)
      source.addEventListener(type, (e) => {
        const record = parseRecord(type, e.data);
        if (record !== undefined) for (const l of this.listeners) l(record);
      });
  }

  close(): void {
    this.source?.close();
    this.source = undefined;
    this.emitState('closed');
  }

  /** Call `listener` with each record until `signal` aborts (the page is left). */
  on(listener: Listener, signal: AbortSignal): void {
    this.listeners.add(listener);
    signal.addEventListener('abort', () => this.listeners.delete(listener), { once: true });
  }

  onState(listener: (s: LiveState) => void): void {
    this.stateListeners.add(listener);
  }

  private emitState(s: LiveState): void {
    for (const l of this.stateListeners) l(s);
  }
}

function parseRecord(type: string, data: unknown): StreamRecord | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const v: unknown = JSON.parse(data);
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    // A ticket event names its tool inside the ticket; a record carries toolId itself.
    const ticket =
      typeof o.ticket === 'object' && o.ticket !== null ? (o.ticket as Record<string, unknown>) : {};
    const toolId =
      typeof o.toolId === 'string' ? o.toolId : typeof ticket.toolId === 'string' ? ticket.toolId : undefined;
    return {
      type,
      ...(toolId === undefined ? {} : { toolId }),
      ...(typeof o.name === 'string' ? { name: o.name } : {}),
      ...(typeof o.receivedTimeMs === 'number' ? { receivedTimeMs: o.receivedTimeMs } : {}),
    };
  } catch {
    return undefined;
  }
}
