// The shapes the dashboard reads from the fab API (docs/fab.md §5; the OpenAPI document at
// /api/openapi.json is the full description). Only the fields the pages show are listed.

export interface Me {
  readonly userId: string;
  readonly organisationId: string;
  readonly side: 'fab' | 'maker';
  readonly role: string;
  readonly via: 'session' | 'token' | 'local';
  readonly permissions: readonly string[];
}

interface Tool {
  readonly id: string;
  readonly name: string;
  readonly organisationId: string;
  readonly address?: string;
  readonly port?: number;
}

export interface ToolStatus {
  readonly toolId: string;
  readonly link: 'disconnected' | 'connecting' | 'selected' | 'communicating';
  readonly control?: string;
  readonly processing?: string;
  readonly e10?: string;
  readonly lotId?: string;
  readonly lastMessageMs?: number;
  readonly updatedMs: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

export interface ToolListItem {
  readonly tool: Tool;
  readonly status?: ToolStatus;
}

export interface ToolDetail {
  readonly tool: Tool;
  readonly modules: readonly { readonly id: string; readonly kind: string }[];
  readonly recipes: readonly { readonly name: string; readonly version: number }[];
  readonly status?: ToolStatus;
}

export interface Lot {
  readonly id: string;
  readonly toolId: string;
  readonly recipe: string;
  readonly plannedPairs: number;
  readonly startedMs: number;
  readonly endedMs?: number;
  readonly outcome?: 'completed' | 'stopped' | 'aborted';
}

export interface PairListItem {
  readonly pair: {
    readonly id: string;
    readonly toolId: string;
    readonly lotId: string;
    readonly slot: number;
    readonly recipe: string;
    readonly startedMs: number;
    readonly endedMs?: number;
  };
  readonly yield?: number;
}

/** A map as the API sends it (docs/fab.md §5): shape, element type, elements row-major. */
export interface JsonMap {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly data: readonly (number | string)[];
}

export interface PairDetail {
  readonly pair: PairListItem['pair'];
  readonly result?: {
    readonly yield: number;
    readonly summary: Readonly<Record<string, unknown>>;
    readonly dieYieldMap?: JsonMap;
  };
}

interface E10Metrics {
  readonly times: Readonly<Record<string, number>>;
  readonly totalS: number;
  readonly failures: number;
  readonly mtbfS?: number;
  readonly mttrS?: number;
  readonly availability?: number;
  readonly utilisation?: number;
}

export interface Reliability {
  readonly toolId: string;
  readonly split: {
    readonly periodS: number;
    readonly moves: number;
    readonly toolEntity?: string;
    readonly entities: readonly {
      readonly entity: string;
      readonly state: string;
      readonly metrics: E10Metrics;
    }[];
  };
  readonly units: number;
}

export interface Coverage {
  readonly toolId: string;
  readonly totals: Readonly<Record<string, number>>;
}

/** A record on GET /api/stream: its type is the event's name; most carry their tool. */
export interface StreamRecord {
  readonly type: string;
  readonly toolId?: string;
  readonly name?: string;
  readonly receivedTimeMs?: number;
}
