// The keys an object schema knows, found by walking a zod schema along a key path, so that a message
// about an unknown key (usually a typo) can list the keys that would have been accepted.
import type { z } from 'zod';

/** Definition fields of the zod 4 schema kinds that wrap or contain other schemas. */
interface WalkDef {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  items?: readonly z.core.$ZodType[];
  getter?: () => z.core.$ZodType;
}

const def = (s: z.core.$ZodType): WalkDef => s._zod.def as unknown as WalkDef;

/** The object schema under wrappers (optional, default, pipe input, lazy, ...), or undefined. */
function objectShape(schema: z.core.$ZodType, depth = 0): Record<string, z.core.$ZodType> | undefined {
  if (depth > 32) return undefined;
  const d = def(schema);
  switch (d.type) {
    case 'object':
      return d.shape;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return d.innerType === undefined ? undefined : objectShape(d.innerType, depth + 1);
    case 'pipe':
      // A preprocess is a pipe from a transform into the real schema; a transform after a schema is
      // a pipe from it into the transform. Whichever side is an object names the keys.
      return (
        (d.in === undefined ? undefined : objectShape(d.in, depth + 1)) ??
        (d.out === undefined ? undefined : objectShape(d.out, depth + 1))
      );
    case 'lazy':
      return d.getter === undefined ? undefined : objectShape(d.getter(), depth + 1);
    default:
      return undefined;
  }
}

/** The schema that validates the value at `seg` inside a value validated by `schema`. */
function child(schema: z.core.$ZodType, seg: PropertyKey, depth = 0): z.core.$ZodType | undefined {
  if (depth > 32) return undefined;
  const d = def(schema);
  switch (d.type) {
    case 'object':
      return d.shape?.[String(seg)];
    case 'record':
      return d.valueType;
    case 'array':
      return d.element;
    case 'tuple':
      return typeof seg === 'number' ? d.items?.[seg] : undefined;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return d.innerType === undefined ? undefined : child(d.innerType, seg, depth + 1);
    case 'pipe':
      return (
        (d.in === undefined ? undefined : child(d.in, seg, depth + 1)) ??
        (d.out === undefined ? undefined : child(d.out, seg, depth + 1))
      );
    case 'lazy':
      return d.getter === undefined ? undefined : child(d.getter(), seg, depth + 1);
    default:
      return undefined;
  }
}

/**
 * The keys of the object schema that validates the value at `path` (`[]`: the top level), in schema
 * order; undefined when there is no object schema there (a union, a custom schema, a wrong path).
 */
export function knownKeys(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] | undefined {
  let at: z.core.$ZodType | undefined = schema;
  for (const seg of path) {
    at = child(at, seg);
    if (at === undefined) return undefined;
  }
  const shape = objectShape(at);
  return shape === undefined ? undefined : Object.keys(shape);
}
