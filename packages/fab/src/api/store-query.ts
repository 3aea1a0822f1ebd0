// Query strings in the store's terms: the validated query's fields that were given (the store's
// optional fields take no `undefined`), renamed where the store names them otherwise.
import type { TimeRangeQuery } from '../store/fab-store.js';
import type { PageQuery, SortOrder } from '../store/page-cursor.js';

interface PageParams {
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
  readonly order?: SortOrder | undefined;
}

interface RangeParams extends PageParams {
  readonly tool?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

/** limit, cursor and order as given. */
export function pageParams(q: PageParams): PageQuery {
  return {
    ...(q.limit === undefined ? {} : { limit: q.limit }),
    ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
    ...(q.order === undefined ? {} : { order: q.order }),
  };
}

/** A time-ordered list's query: tool → toolId, from → fromMs, to → toMs. */
export function rangeParams(q: RangeParams): TimeRangeQuery {
  return {
    ...pageParams(q),
    ...(q.tool === undefined ? {} : { toolId: q.tool }),
    ...(q.from === undefined ? {} : { fromMs: q.from }),
    ...(q.to === undefined ? {} : { toMs: q.to }),
  };
}
