// How records travel on the bus: MessagePack (msgpack.org, @msgpack/msgpack), compact and typed, with
// each NumericMap of a pair result as a MessagePack extension (type 1) whose bytes are the store's own
// map encoding (docs/fab.md §1.4), so a map crosses the bus bit for bit, NaN payloads and -0 included,
// and comes out as a typed array of its type. A message is `[FORMAT_VERSION, records]`.
import { issue, type Result } from '@bondline/core';
import { Decoder, Encoder, ExtensionCodec } from '@msgpack/msgpack';
import { decodeMap, encodeMap, type NumericMap } from '../store/map-codec.js';
import type { FabRecord } from '../store/records.js';

const FORMAT_VERSION = 1;
const MAP_EXTENSION = 1;

function isNumericMap(value: unknown): value is NumericMap {
  if (typeof value !== 'object' || value === null) return false;
  const data: unknown = Reflect.get(value, 'data');
  return ArrayBuffer.isView(data) && !(data instanceof DataView) && Array.isArray(Reflect.get(value, 'dims'));
}

const extensions = new ExtensionCodec();
extensions.register({
  type: MAP_EXTENSION,
  encode: (value) => (isNumericMap(value) ? encodeMap(value) : null),
  decode: (bytes) => {
    const map = decodeMap(bytes, 'map');
    if (!map.ok) throw new RangeError(map.issues[0]?.message ?? 'corrupt map');
    return map.value;
  },
});

// Optional fields are left out of a record, never sent as nil (which would come back as null).
const encoder = new Encoder({ extensionCodec: extensions, ignoreUndefined: true });
const decoder = new Decoder({ extensionCodec: extensions });

/** A list of records as one message body. */
export function encodeRecords(records: readonly FabRecord[]): Uint8Array {
  return encoder.encode([FORMAT_VERSION, records]);
}

/**
 * The records of a message body, or `bad-message` when it is not one of this format. Records are not
 * checked here: the store checks each one before it writes anything (docs/fab.md §1).
 */
export function decodeRecords(bytes: Uint8Array): Result<FabRecord[], 'bad-message'> {
  let body: unknown;
  try {
    body = decoder.decode(bytes);
  } catch (e) {
    return { ok: false, issues: [issue('bad-message', `not a MessagePack record list: ${String(e)}`)] };
  }
  if (!Array.isArray(body) || body[0] !== FORMAT_VERSION || !Array.isArray(body[1])) {
    const why = `not a record list of format ${FORMAT_VERSION} ([${FORMAT_VERSION}, records])`;
    return { ok: false, issues: [issue('bad-message', why)] };
  }
  const records: unknown[] = body[1];
  if (!records.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) {
    return { ok: false, issues: [issue('bad-message', 'a record of the list is not an object')] };
  }
  // Objects of the right outline; the store's schema checks each field before it writes (above).
  return { ok: true, value: records as FabRecord[] };
}
