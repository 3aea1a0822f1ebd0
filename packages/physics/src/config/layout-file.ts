import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { layoutFromPng } from '../geometry/layout-png.js';
import type { ConfigIssue, ConfigNote } from './issues.js';
import { parseConfigText } from './text.js';

/** File access the layout resolver needs (injected for tests). */
export interface LayoutReaders {
  readText: (path: string) => Promise<string>;
  readBytes: (path: string) => Promise<Uint8Array>;
}

const charOf = { critical: 'C', redundant: 'R', empty: '.' } as const;

async function read<T>(
  reader: (p: string) => Promise<T>,
  file: string,
  path: (string | number)[],
  issues: ConfigIssue[],
): Promise<T | undefined> {
  try {
    return await reader(file);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    issues.push(
      code === 'ENOENT'
        ? { code: 'file_not_found', path, message: `file not found: ${file}` }
        : {
            code: 'file_unreadable',
            path,
            message: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
          },
    );
    return undefined;
  }
}

/**
 * Replace a `pads.layout` that refers to a file by the layout it holds, in
 * place, so that validation sees one form: `{ blockUm, redundantCopies, rows }`.
 * Accepted references (paths relative to the configuration file):
 * - `layout: file.json|.yaml|.yml` holding that object;
 * - `layout: { image: file.png, blockUm, redundantCopies }`: a PNG bitmap, one
 *   pixel a block, read by `layoutFromPng` (dark critical, red redundant, light empty).
 */
export async function resolveLayoutFile(
  config: unknown,
  configFile: string,
  io: LayoutReaders,
): Promise<{ issues: ConfigIssue[]; notes: ConfigNote[] }> {
  const issues: ConfigIssue[] = [];
  const notes: ConfigNote[] = [];
  if (typeof config !== 'object' || config === null) return { issues, notes };
  const pads = (config as Record<string, unknown>).pads;
  if (typeof pads !== 'object' || pads === null || Array.isArray(pads)) return { issues, notes };
  const holder = pads as Record<string, unknown>;
  const layout = holder.layout;
  const at = (ref: string) => (isAbsolute(ref) ? ref : resolve(dirname(configFile), ref));

  if (typeof layout === 'string') {
    const path = ['pads', 'layout'];
    const ext = extname(layout).toLowerCase();
    if (ext === '.png') {
      issues.push({
        code: 'invalid_layout',
        path,
        message: `a PNG layout needs its block size: write layout: { image: ${layout}, blockUm: <µm>, redundantCopies: <n> }`,
      });
    } else if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
      const text = await read(io.readText, at(layout), path, issues);
      if (text !== undefined) {
        const parsed = parseConfigText(text, ext === '.json' ? 'json' : 'yaml');
        if (!parsed.ok) {
          for (const i of parsed.issues) {
            const where = i.line === undefined ? '' : ` line ${i.line}:${i.column ?? 1}`;
            issues.push({ code: i.code, path, message: `in ${layout}${where}: ${i.message}` });
          }
        } else {
          holder.layout = parsed.parsed.value;
          notes.push({ path, message: `pad layout read from ${at(layout)}` });
        }
      }
    } else {
      issues.push({
        code: 'unsupported',
        path,
        message: `layout file ${layout} must be .json, .yaml, .yml (or an image: .png)`,
      });
    }
    return { issues, notes };
  }

  if (typeof layout === 'object' && layout !== null && !Array.isArray(layout) && 'image' in layout) {
    const obj = layout as Record<string, unknown>;
    const path = ['pads', 'layout', 'image'];
    if ('rows' in obj) {
      issues.push({ code: 'invalid_layout', path, message: 'give either rows or image, not both' });
      return { issues, notes };
    }
    const image = obj.image;
    if (typeof image !== 'string' || extname(image).toLowerCase() !== '.png') {
      issues.push({ code: 'invalid_type', path, message: 'must be the path of a .png block bitmap' });
      return { issues, notes };
    }
    const blockUm = obj.blockUm;
    const copies = obj.redundantCopies ?? 1;
    if (typeof blockUm !== 'number' || !(blockUm > 0)) {
      issues.push({
        code: 'invalid_type',
        path: ['pads', 'layout', 'blockUm'],
        message: 'must be a positive number (µm)',
      });
      return { issues, notes };
    }
    if (typeof copies !== 'number') {
      issues.push({
        code: 'invalid_type',
        path: ['pads', 'layout', 'redundantCopies'],
        message: 'must be an integer >= 1',
      });
      return { issues, notes };
    }
    const bytes = await read(io.readBytes, at(image), path, issues);
    if (bytes === undefined) return { issues, notes };
    const r = layoutFromPng(bytes, { blockUm, redundantCopies: copies });
    if (!r.ok) {
      for (const i of r.issues)
        issues.push({ code: 'invalid_layout', path, message: `${image}: ${i.message}` });
      return { issues, notes };
    }
    // Back to the written form (top row first) so validation checks the fit like any layout.
    holder.layout = {
      blockUm,
      redundantCopies: copies,
      rows: [...r.layout.rows].reverse().map((row) => row.map((k) => charOf[k]).join('')),
    };
    notes.push({ path, message: `pad layout read from ${at(image)}` });
  }
  return { issues, notes };
}
