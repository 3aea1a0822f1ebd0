import { extname } from 'node:path';
import {
  decodeText,
  failAll,
  issue,
  ok,
  parseYamlText,
  type Result,
  readBytes as readFileBytes,
  visible,
} from '@bondline/core';
import type { BondParams } from '../params.js';
import { type ConfigIssue, type ConfigIssueCode, type ConfigNote, type Place, placed } from './issues.js';
import { type ReadBytes, readCapped, resolveLayoutFile } from './layout-file.js';
import { placeOf, validateBondConfig } from './validate.js';
import { isYapConfig, parseYapConfig, type YapSection, yapSections } from './yap.js';

/** Largest configuration file read: 4 MiB (a configuration is a few kilobytes). */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export interface LoadOptions {
  /** YAP section to read (default 'w2w_modeling'); an error for native files. */
  section?: string;
  /** Reads a file's bytes (the configuration, a layout file); injected for tests (default: core's readBytes). */
  readBytes?: ReadBytes;
}

/** A loaded configuration: parameters, which dialect the file was in, and what was read but not used. */
export interface LoadedConfig {
  params: BondParams;
  format: 'bondline' | 'yap';
  notes: ConfigNote[];
}

/**
 * Read a Bondline (sections wafer/die/pads/overlay/voids/copper) or YAP/YAP+
 * configuration from a .yaml, .yml or .json file and validate it. A
 * `pads.layout` may refer to a layout file relative to the configuration
 * (see resolveLayoutFile: .json/.yaml, or a .png block bitmap). The file is
 * decoded as UTF-8 (a byte-order mark is dropped; UTF-16 and binary data are
 * refused) and parsed by core's parseYamlText (duplicate keys, alias bombs and
 * deep nesting refused). Every issue's message reads `file:line:column: key:
 * what is wrong`, with invisible characters named; its path is the key path.
 */
export async function loadBondConfig(
  file: string,
  opts: LoadOptions = {},
): Promise<Result<LoadedConfig, ConfigIssueCode>> {
  const read: ReadBytes = opts.readBytes ?? readFileBytes;
  const r = await load(file, opts.section, read);
  // Every message is printed as it stands: name what a person could not see (a path, a key, a value).
  return r.ok ? r : failAll(r.issues.map((i) => ({ ...i, message: visible(i.message) })));
}

async function load(
  file: string,
  section: string | undefined,
  read: ReadBytes,
): Promise<Result<LoadedConfig, ConfigIssueCode>> {
  const ext = extname(file).toLowerCase();
  const format = ext === '.yaml' || ext === '.yml' ? 'yaml' : ext === '.json' ? 'json' : undefined;
  if (format === undefined) {
    return refuse(
      'unsupported',
      `${file}: a configuration must be a .yaml, .yml or .json file (got '${ext || 'no extension'}')`,
    );
  }
  const bytes = await readCapped(read, file, MAX_CONFIG_BYTES);
  if (!bytes.ok) return bytes;
  const text = decodeText(bytes.value, file);
  if (!text.ok) return text;
  const parsed = parseYamlText(text.value, { source: file, format });
  if (!parsed.ok) return parsed;
  const { value, locate } = parsed.value;
  const inConfig = placeOf({ source: file, locate });

  if (isYapConfig(value)) {
    const name = section ?? 'w2w_modeling';
    if (!(yapSections as readonly string[]).includes(name)) {
      return refuse(
        'unknown-section',
        `${file}: --section ${name}: a YAP section must be one of ${yapSections.join(', ')}`,
      );
    }
    const yap = parseYapConfig(value, name as YapSection, { source: file, locate });
    return yap.ok ? ok({ params: yap.value.params, format: 'yap', notes: yap.value.notes }) : yap;
  }
  if (section !== undefined) {
    return refuse(
      'unsupported',
      `${file}: --section ${section} applies to YAP files only; this is a Bondline configuration`,
    );
  }

  const layout = await resolveLayoutFile(value, file, read);
  if (layout.issues.length > 0 || layout.findings.length > 0) {
    return failAll([...layout.issues, ...layout.findings.map((f) => placed(f, inConfig))]);
  }
  // Keys below pads.layout sit in the layout file when it came from one.
  const place: Place = (at) =>
    layout.place !== undefined && at.length > 2 && at[0] === 'pads' && at[1] === 'layout'
      ? layout.place(at.slice(2))
      : inConfig(at);
  const checked = validateBondConfig(value);
  if (checked.findings.length > 0) return failAll(checked.findings.map((f) => placed(f, place)));
  return ok({ params: checked.value, format: 'bondline', notes: layout.notes });
}

function refuse(code: ConfigIssueCode, message: string): { ok: false; issues: readonly ConfigIssue[] } {
  return { ok: false, issues: [issue(code, message)] };
}
