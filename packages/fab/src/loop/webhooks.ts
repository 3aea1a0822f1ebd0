// Webhooks to the makers' own systems (docs/fab.md §13): each notification of the fault loop (a ticket
// opened, acknowledged, a fix deployed, ...) is POSTed as JSON to every target that takes it, signed
// (webhook-signature.ts). Per target, deliveries go one at a time in order; a failure (network, time
// out, 5xx, 429) is retried with a growing wait (honouring Retry-After) up to `maxAttempts`; a refusal
// (another 4xx, a redirect) or the last failed attempt puts the delivery on the dead-letter list,
// where it can be retried by hand. Memory is bounded: at most `maxQueue` deliveries wait per target
// (more go straight to the dead letters) and at most `maxDeadLetters` are kept (the oldest dropped,
// counted).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { Backoff } from '../bus/backoff.js';
import type { JsonValue } from '../store/json-value.js';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';

export const webhookTargetSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an id: 1 to 64 of A-Z a-z 0-9 . _ -'),
  url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }),
  /** Shared with the receiver, who checks each delivery's signature with it. */
  secret: z.string().min(16, 'at least 16 characters').max(512),
  /** Only the notifications of this organisation (a maker's own tools); absent: all. */
  organisation: z.string().min(1).max(200).optional(),
  /** Only these notification types; absent: all. */
  types: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
});
export type WebhookTarget = z.output<typeof webhookTargetSchema>;

export interface Notification {
  /** `ticket.opened`, `ticket.changed`, ... */
  readonly type: string;
  /** The organisation it concerns (the maker of the ticket's tool). */
  readonly organisationId?: string;
  readonly data: JsonValue;
}

export interface DeadLetter {
  readonly deliveryId: string;
  readonly targetId: string;
  readonly type: string;
  readonly body: string;
  readonly attempts: number;
  /** The last failure: `HTTP 410`, `timeout after 10000 ms`, `queue full`, ... */
  readonly lastError: string;
  readonly atMs: number;
}

export interface WebhookOptions {
  readonly targets: readonly WebhookTarget[];
  /** Deliveries waiting per target at most (default 1000). */
  readonly maxQueue?: number;
  /** Attempts of one delivery before it is a dead letter (default 8). */
  readonly maxAttempts?: number;
  /** First wait after a failure, ms (default 1000), doubling up to `maxDelayMs` (default 300,000). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** One attempt's time limit, ms (default 10,000). */
  readonly timeoutMs?: number;
  /** Dead letters kept at most (default 1000). */
  readonly maxDeadLetters?: number;
  readonly clock?: () => number;
  /** Default the global fetch. */
  readonly fetch?: typeof fetch;
  readonly onDeadLetter?: (letter: DeadLetter) => void;
}

export interface WebhookCounters {
  readonly queued: number;
  readonly delivered: number;
  readonly retries: number;
  readonly deadLetters: number;
  /** Dead letters dropped because more than `maxDeadLetters` were kept. */
  readonly deadLettersDropped: number;
}

interface Delivery {
  readonly id: string;
  readonly type: string;
  readonly body: string;
  attempts: number;
}

interface TargetQueue {
  readonly target: WebhookTarget;
  readonly items: Delivery[];
  readonly backoff: Backoff;
  busy: boolean;
}

type Outcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly retry: boolean; readonly why: string; readonly waitMs?: number };

export class WebhookDispatcher {
  private readonly queues: TargetQueue[];
  private readonly letters: DeadLetter[] = [];
  private readonly clock: () => number;
  private readonly fetch: typeof fetch;
  private readonly abort = new AbortController();
  private readonly idleWaiters: (() => void)[] = [];
  private delivered = 0;
  private retries = 0;
  private deadLetterCount = 0;
  private dropped = 0;
  private closed = false;

  constructor(private readonly o: WebhookOptions) {
    this.clock = o.clock ?? Date.now;
    this.fetch = o.fetch ?? fetch;
    const initialMs = o.initialDelayMs ?? 1000;
    const maxMs = Math.max(initialMs, o.maxDelayMs ?? 300_000);
    this.queues = o.targets.map((target) => ({
      target,
      items: [],
      backoff: new Backoff({ initialMs, maxMs }),
      busy: false,
    }));
  }

  /** Queue `n` for every target that takes it; returns how many took it. */
  notify(n: Notification): number {
    if (this.closed) return 0;
    const createdMs = this.clock();
    let taken = 0;
    for (const q of this.queues) {
      const t = q.target;
      if (t.organisation !== undefined && t.organisation !== n.organisationId) continue;
      if (t.types !== undefined && !t.types.includes(n.type)) continue;
      const id = randomUUID();
      const body = JSON.stringify({
        id,
        type: n.type,
        createdMs,
        ...(n.organisationId === undefined ? {} : { organisationId: n.organisationId }),
        data: n.data,
      });
      const delivery: Delivery = { id, type: n.type, body, attempts: 0 };
      taken++;
      if (q.items.length >= (this.o.maxQueue ?? 1000)) this.deadLetter(t, delivery, 'queue full');
      else {
        q.items.push(delivery);
        this.pump(q);
      }
    }
    return taken;
  }

  /** Put a dead letter back at the end of its target's queue, its attempts reset; false when unknown. */
  retryDeadLetter(deliveryId: string): boolean {
    const letter = this.letters.find((l) => l.deliveryId === deliveryId);
    return letter !== undefined && this.requeue(letter);
  }

  /**
   * Put `letter` back at the end of its target's queue, its attempts reset: one of this dispatcher's,
   * or one read back from the store after a restart. False when its target is not configured (any
   * more) or the dispatcher is closed.
   */
  requeue(letter: DeadLetter): boolean {
    const q = this.queues.find((x) => x.target.id === letter.targetId);
    if (q === undefined || this.closed) return false;
    const i = this.letters.findIndex((l) => l.deliveryId === letter.deliveryId);
    if (i >= 0) this.letters.splice(i, 1);
    q.items.push({ id: letter.deliveryId, type: letter.type, body: letter.body, attempts: 0 });
    this.pump(q);
    return true;
  }

  deadLetters(): readonly DeadLetter[] {
    return [...this.letters];
  }

  counters(): WebhookCounters {
    return {
      queued: this.queues.reduce((n, q) => n + q.items.length, 0),
      delivered: this.delivered,
      retries: this.retries,
      deadLetters: this.deadLetterCount,
      deadLettersDropped: this.dropped,
    };
  }

  /** Resolves once no delivery waits or is in flight. */
  idle(): Promise<void> {
    if (this.queues.every((q) => !q.busy && q.items.length === 0)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stop: attempts in flight are aborted, waiting deliveries are dropped (not dead letters). */
  close(): void {
    this.closed = true;
    this.abort.abort();
    for (const q of this.queues) q.items.length = 0;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private pump(q: TargetQueue): void {
    if (q.busy || q.items.length === 0 || this.closed) return;
    q.busy = true;
    void this.drain(q).finally(() => {
      q.busy = false;
      if (this.queues.every((x) => !x.busy && x.items.length === 0))
        for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  private async drain(q: TargetQueue): Promise<void> {
    while (!this.closed) {
      const d = q.items[0];
      if (d === undefined) return;
      d.attempts++;
      const outcome = await this.attempt(q.target, d);
      if (this.closed) return;
      if (outcome.ok) {
        q.items.shift();
        q.backoff.reset();
        this.delivered++;
        continue;
      }
      if (!outcome.retry || d.attempts >= (this.o.maxAttempts ?? 8)) {
        q.items.shift();
        this.deadLetter(q.target, d, outcome.why);
        continue;
      }
      this.retries++;
      const wait = Math.min(Math.max(q.backoff.next(), outcome.waitMs ?? 0), this.o.maxDelayMs ?? 300_000);
      try {
        await sleep(wait, undefined, { signal: this.abort.signal });
      } catch (err) {
        if (this.closed) return;
        throw err;
      }
    }
  }

  private async attempt(target: WebhookTarget, d: Delivery): Promise<Outcome> {
    const timeoutMs = this.o.timeoutMs ?? 10_000;
    try {
      const res = await this.fetch(target.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'bondline-fab-webhooks/1',
          'bondline-delivery': d.id,
          'bondline-event': d.type,
          [SIGNATURE_HEADER]: signatureHeader(target.secret, d.body, this.clock()),
        },
        body: d.body,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]),
      });
      await res.body?.cancel();
      if (res.status >= 200 && res.status < 300) return { ok: true };
      const why = `HTTP ${res.status}`;
      if (res.status === 429 || res.status >= 500) {
        const after = Number(res.headers.get('retry-after'));
        return { ok: false, retry: true, why, ...(after > 0 ? { waitMs: after * 1000 } : {}) };
      }
      return {
        ok: false,
        retry: false,
        why: res.status >= 300 && res.status < 400 ? `${why} (redirects are not followed)` : why,
      };
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      if (name === 'TimeoutError') return { ok: false, retry: true, why: `timeout after ${timeoutMs} ms` };
      if (name === 'AbortError') return { ok: false, retry: false, why: 'closed' };
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      return { ok: false, retry: true, why: `${err instanceof Error ? err.message : String(err)}${cause}` };
    }
  }

  private deadLetter(target: WebhookTarget, d: Delivery, why: string): void {
    const letter: DeadLetter = {
      deliveryId: d.id,
      targetId: target.id,
      type: d.type,
      body: d.body,
      attempts: d.attempts,
      lastError: why,
      atMs: this.clock(),
    };
    this.letters.push(letter);
    this.deadLetterCount++;
    if (this.letters.length > (this.o.maxDeadLetters ?? 1000)) {
      this.letters.shift();
      this.dropped++;
    }
    this.o.onDeadLetter?.(letter);
  }
}
