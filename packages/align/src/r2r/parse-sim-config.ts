import { fail, issue, parseWithSchema, parseYamlText, type Result } from '@bondline/core';
import { SIM_LIMITS, simConfigSchema } from './sim-config-schema.js';
import type { SimConfig } from './simulate.js';

/**
 * Validate a parsed simulation config (plain data from YAML or JSON) and fill its defaults (see
 * `simConfigSchema`). Every problem is an issue naming its key path, the value found and what is
 * allowed; `source` and `locate` put the file and the line:column in front.
 */
export function parseSimConfig(
  raw: unknown,
  options: { source?: string; locate?: (path: readonly PropertyKey[]) => string | undefined } = {},
): Result<SimConfig> {
  return parseWithSchema(simConfigSchema, raw, { ...options, knownKeys: true });
}

/**
 * Read a simulation config from YAML (or, with `format: 'json'`, strict JSON) text: syntax errors,
 * duplicate keys and alias bombs are refused by core's reader, then `parseSimConfig` checks the
 * values, each message with the line and column of its key. Text longer than
 * `SIM_LIMITS.textChars` is refused before parsing (a configuration is small; parsing is
 * not). Pure: no file access.
 */
export function readSimConfig(
  text: string,
  options: { source: string; format?: 'yaml' | 'json' },
): Result<SimConfig> {
  if (text.length > SIM_LIMITS.textChars) {
    return fail(
      issue(
        'too-large',
        `${options.source}: ${text.length} characters is more than the ${SIM_LIMITS.textChars} a simulation config may have`,
      ),
    );
  }
  // A byte-order mark is not part of the document (core's decodeText drops it too).
  const parsed = parseYamlText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, options);
  if (!parsed.ok) return parsed;
  return parseSimConfig(parsed.value.value, { source: options.source, locate: parsed.value.locate });
}
