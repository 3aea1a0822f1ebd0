// The ToolStatusBoard of the scaled layout: one JetStream KV bucket, a key per tool (its id as a token,
// subject-token.ts), the status as JSON. Collectors in any process put, API servers in any process
// read. The seam's methods reject when NATS cannot be reached (it has no Result), as a Map never does.
import type { KV } from '@nats-io/kv';
import { z } from 'zod';
import type { ToolStatus, ToolStatusBoard } from '../pipeline/seams.js';
import { idToken } from './subject-token.js';

const ms = z.number().int().nonnegative();
const statusSchema = z.strictObject({
  toolId: z.string().min(1),
  link: z.enum(['disconnected', 'connecting', 'selected', 'communicating']),
  control: z.string().optional(),
  processing: z.string().optional(),
  e10: z.string().optional(),
  lotId: z.string().optional(),
  lastMessageMs: ms.optional(),
  updatedMs: ms,
});

export class KvStatusBoard implements ToolStatusBoard {
  readonly #kv: KV;

  constructor(kv: KV) {
    this.#kv = kv;
  }

  async put(status: ToolStatus): Promise<void> {
    await this.#kv.put(idToken(status.toolId), JSON.stringify(status));
  }

  /** The tool's status; undefined when none was put (or the entry is not a status: see `list`). */
  async get(toolId: string): Promise<ToolStatus | undefined> {
    const entry = await this.#kv.get(idToken(toolId));
    if (entry === null || entry.operation !== 'PUT') return undefined;
    return parseStatus(entry.string());
  }

  /** Every tool's status by tool id; an entry that is not a status (written by hand) is left out. */
  async list(): Promise<readonly ToolStatus[]> {
    const keys: string[] = [];
    for await (const key of await this.#kv.keys()) keys.push(key);
    const out: ToolStatus[] = [];
    for (const key of keys) {
      const entry = await this.#kv.get(key);
      const status = entry === null || entry.operation !== 'PUT' ? undefined : parseStatus(entry.string());
      if (status !== undefined) out.push(status);
    }
    return out.sort((a, b) => (a.toolId < b.toolId ? -1 : a.toolId > b.toolId ? 1 : 0));
  }
}

function parseStatus(text: string): ToolStatus | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = statusSchema.safeParse(value);
  return r.success ? (r.data as ToolStatus) : undefined;
}
