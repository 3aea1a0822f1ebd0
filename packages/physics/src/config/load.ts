import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { BondParams } from '../params.js';
import type { ConfigIssue, ConfigResult } from './issues.js';
import { resolveLayoutFile } from './layout-file.js';
import { type ConfigFormat, type ParsedText, parseConfigText } from './text.js';
import { parseBondConfig } from './validate.js';
import { isYapConfig, parseYapConfig, type YapSection, yapSections } from './yap.js';

export interface LoadOptions {
  /** YAP section to read (default 'w2w_modeling'); an error for native files. */
  section?: string;
  /** Reads a file as UTF-8 text; injected for tests (default: node:fs). */
  readText?: (path: string) => Promise<string>;
  /** Reads a file as bytes (PNG layouts); injected for tests (default: node:fs). */
  readBytes?: (path: string) => Promise<Uint8Array>;
}

/** A loaded configuration: parameters plus which dialect the file was in. */
export type LoadedConfig = ConfigResult<BondParams> & { format?: 'bondline' | 'yap' };

function formatOf(file: string): ConfigFormat | undefined {
  const ext = extname(file).toLowerCase();
  return ext === '.yaml' || ext === '.yml' ? 'yaml' : ext === '.json' ? 'json' : undefined;
}

async function readIssue(
  readText: (p: string) => Promise<string>,
  file: string,
  path: (string | number)[],
): Promise<{ text: string } | { issue: ConfigIssue }> {
  try {
    return { text: await readText(file) };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ENOENT')
      return { issue: { code: 'file_not_found', path, message: `file not found: ${file}` } };
    const msg = err instanceof Error ? err.message : String(err);
    return { issue: { code: 'file_unreadable', path, message: `cannot read ${file}: ${msg}` } };
  }
}

/**
 * Read a Bondline (sections wafer/die/pads/overlay/voids/copper) or YAP/YAP+
 * configuration from a .yaml, .yml or .json file and validate it. A
 * `pads.layout` may refer to a layout file relative to the configuration
 * (see resolveLayoutFile: .json/.yaml, or a .png block bitmap). Every issue carries the key path and, when known, the
 * line and column in the file.
 */
export async function loadBondConfig(file: string, opts: LoadOptions = {}): Promise<LoadedConfig> {
  const readText = opts.readText ?? ((p: string) => readFile(p, 'utf8'));
  const readBytes = opts.readBytes ?? ((p: string) => readFile(p));
  const format = formatOf(file);
  if (format === undefined) {
    return {
      ok: false,
      issues: [
        {
          code: 'unsupported',
          path: [],
          message: `a configuration must be a .yaml, .yml or .json file (got '${extname(file) || 'no extension'}')`,
        },
      ],
    };
  }
  const read = await readIssue(readText, file, []);
  if ('issue' in read) return { ok: false, issues: [read.issue] };
  const parsed = parseConfigText(read.text, format);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const { value, locate } = parsed.parsed;

  if (isYapConfig(value)) {
    const section = opts.section ?? 'w2w_modeling';
    if (!(yapSections as readonly string[]).includes(section)) {
      return {
        ok: false,
        issues: [
          {
            code: 'unknown_section',
            path: [section],
            message: `YAP section must be one of ${yapSections.join(', ')}`,
          },
        ],
      };
    }
    return { ...withPositions(parseYapConfig(value, section as YapSection), locate), format: 'yap' };
  }
  if (opts.section !== undefined) {
    return {
      ok: false,
      issues: [
        {
          code: 'unsupported',
          path: [],
          message: `--section ${opts.section} applies to YAP files only; ${file} is a Bondline configuration`,
        },
      ],
    };
  }

  const resolved = await resolveLayoutFile(value, file, { readText, readBytes });
  if (resolved.issues.length > 0) return { ok: false, issues: withPositionsIssues(resolved.issues, locate) };
  const notes = resolved.notes;
  const result = withPositions(parseBondConfig(value), locate);
  return result.ok ? { ...result, notes: [...notes, ...result.notes], format: 'bondline' } : result;
}

function withPositionsIssues(issues: ConfigIssue[], locate: ParsedText['locate']): ConfigIssue[] {
  return issues.map((issue) => {
    if (issue.line !== undefined) return issue;
    const pos = locate(issue.path);
    return pos === undefined ? issue : { ...issue, line: pos.line, column: pos.column };
  });
}

function withPositions(r: ConfigResult<BondParams>, locate: ParsedText['locate']): ConfigResult<BondParams> {
  return r.ok ? r : { ok: false, issues: withPositionsIssues(r.issues, locate) };
}
