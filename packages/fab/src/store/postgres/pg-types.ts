// How the store's pool reads PostgreSQL values: bigint (int8) as a JavaScript number (every stored
// integer is a safe one: ids, counts, millisecond times), and json/jsonb as their text, so both stores
// hand row-decode.ts the same shapes (better-sqlite3 gives numbers and JSON text).
import pg from 'pg';

const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${text} is beyond 2^53 - 1`);
  return n;
}

const asText = (text: string): string => text;

export const STORE_PG_TYPES: pg.CustomTypesConfig = {
  getTypeParser: (id, format) => {
    if (format === undefined || format === 'text') {
      if (id === INT8) return parseInt8;
      if (id === JSON_OID || id === JSONB) return asText;
    }
    return pg.types.getTypeParser(id, format);
  },
};
