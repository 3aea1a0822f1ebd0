import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import type { BondParams } from '../params.js';
import type { ConfigIssue, ConfigNote, ConfigResult } from './issues.js';
import { type ConfigFormat, type ParsedText, parseConfigText } from './text.js';
import { parseBondConfig } from './validate.js';
import { isYapConfig, parseYapConfig, type YapSection, yapSections } from './yap.js';

export interface LoadOptions {
  /** YAP section to read (default 'w2w_modeling'); an error for native files. */
  section?: string;
  /** Reads a file as UTF-8 text; injected for tests (default: node:fs). */
  readText?: (path: string) => Promise<string>;
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
 * `pads.layout` given as a string is a layout file (.json/.yaml) relative to
 * the configuration. Every issue carries the key path and, when known, the
 * line and column in the file.
 */
export async function loadBondConfig(file: string, opts: LoadOptions = {}): Promise<LoadedConfig> {
  const readText = opts.readText ?? ((p: string) => readFile(p, 'utf8'));
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

  const notes: ConfigNote[] = [];
  const layoutRef = layoutPath(value);
  if (layoutRef !== undefined) {
    const layoutFile = isAbsolute(layoutRef) ? layoutRef : resolve(dirname(file), layoutRef);
    const layoutFormat = formatOf(layoutFile);
    const path = ['pads', 'layout'];
    const fail = (issues: ConfigIssue[]): LoadedConfig => ({
      ok: false,
      issues: withPositionsIssues(issues, locate),
    });
    if (layoutFormat === undefined) {
      return fail([
        { code: 'unsupported', path, message: `layout file ${layoutRef} must be .json, .yaml or .yml` },
      ]);
    }
    const lread = await readIssue(readText, layoutFile, path);
    if ('issue' in lread) return fail([lread.issue]);
    const lparsed = parseConfigText(lread.text, layoutFormat);
    if (!lparsed.ok) {
      return {
        ok: false,
        issues: lparsed.issues.map((i) => ({ ...i, path, message: `in ${layoutRef}: ${i.message}` })),
      };
    }
    ((value as Record<string, Record<string, unknown>>).pads as Record<string, unknown>).layout =
      lparsed.parsed.value;
    notes.push({ path, message: `pad layout read from ${layoutFile}` });
  }
  const result = withPositions(parseBondConfig(value), locate);
  return result.ok ? { ...result, notes: [...notes, ...result.notes], format: 'bondline' } : result;
}

function layoutPath(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const pads = (value as Record<string, unknown>).pads;
  if (typeof pads !== 'object' || pads === null) return undefined;
  const layout = (pads as Record<string, unknown>).layout;
  return typeof layout === 'string' ? layout : undefined;
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
