import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { decodeText, fail, issue, parseYamlText, type ReadFileIssueCode, type Result } from '@bondline/core';
import { layoutFromPng } from '../geometry/layout-png.js';
import { type ConfigIssue, type ConfigNote, type Finding, note, type Place } from './issues.js';

/** Reads a file's bytes (core's readBytes, or a stand-in for tests), refusing one over `maxBytes`. */
export type ReadBytes = (
  path: string,
  options: { maxBytes: number },
) => Promise<Result<Uint8Array, ReadFileIssueCode>>;

/** Largest layout text (.json/.yaml) read: 4 MiB, a few million blocks. */
const MAX_LAYOUT_TEXT_BYTES = 4 * 1024 * 1024;
/** Largest layout bitmap file read (the image's size in pixels is bounded separately). */
const MAX_LAYOUT_PNG_BYTES = 16 * 1024 * 1024;

/** What resolving a layout file found. */
export interface ResolvedLayout {
  /** Problems with keys of the configuration (placed in the configuration file by the caller). */
  findings: Finding[];
  /** Problems inside the layout file, complete (their messages name that file), path `pads.layout...`. */
  issues: ConfigIssue[];
  notes: ConfigNote[];
  /**
   * Where a key under `pads.layout` sits when the layout came from a text file: `file:line:column` in
   * that file, given the path below `pads.layout` (e.g. `['rows', 1]`).
   */
  place?: Place;
}

const charOf = { critical: 'C', redundant: 'R', empty: '.' } as const;

/** Read a file's bytes, refusing one over `maxBytes` even when the reader itself does not. */
export async function readCapped(
  read: ReadBytes,
  path: string,
  maxBytes: number,
): Promise<Result<Uint8Array, ReadFileIssueCode>> {
  const r = await read(path, { maxBytes });
  if (r.ok && r.value.length > maxBytes) {
    return fail(
      issue(
        'file-too-large',
        `${path}: ${r.value.length} bytes is larger than the ${maxBytes} bytes allowed`,
      ),
    );
  }
  return r;
}

/**
 * Replace a `pads.layout` that refers to a file by the layout it holds, in
 * place, so that validation sees one form: `{ blockUm, redundantCopies, rows }`.
 * Accepted references (paths relative to the configuration file):
 * - `layout: file.json|.yaml|.yml` holding that object (at most 4 MiB);
 * - `layout: { image: file.png, blockUm, redundantCopies }`: a PNG bitmap, one
 *   pixel a block, read by `layoutFromPng` (dark critical, red redundant, light empty).
 */
export async function resolveLayoutFile(
  config: unknown,
  configFile: string,
  readBytes: ReadBytes,
): Promise<ResolvedLayout> {
  const out: ResolvedLayout = { findings: [], issues: [], notes: [] };
  if (typeof config !== 'object' || config === null) return out;
  const pads = (config as Record<string, unknown>).pads;
  if (typeof pads !== 'object' || pads === null || Array.isArray(pads)) return out;
  const holder = pads as Record<string, unknown>;
  const layout = holder.layout;
  const at = (ref: string) => (isAbsolute(ref) ? ref : resolve(dirname(configFile), ref));
  /** Issues of the layout file itself, kept as they are but filed under the configuration key. */
  const fileIssues = (issues: readonly ConfigIssue[], key: string) => {
    for (const i of issues) out.issues.push({ code: i.code, message: i.message, path: key });
  };

  if (typeof layout === 'string') {
    const key = ['pads', 'layout'];
    const ext = extname(layout).toLowerCase();
    if (ext === '.png') {
      out.findings.push({
        code: 'invalid-layout',
        at: key,
        text: `a PNG layout needs its block size: write layout: { image: ${layout}, blockUm: <µm>, redundantCopies: <n> }`,
      });
    } else if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
      const file = at(layout);
      const bytes = await readCapped(readBytes, file, MAX_LAYOUT_TEXT_BYTES);
      const text = bytes.ok ? decodeText(bytes.value, file) : bytes;
      const parsed = text.ok
        ? parseYamlText(text.value, { source: file, format: ext === '.json' ? 'json' : 'yaml' })
        : text;
      if (!parsed.ok) fileIssues(parsed.issues, 'pads.layout');
      else {
        holder.layout = parsed.value.value;
        const { locate } = parsed.value;
        out.place = (below) => {
          const where = locate(below);
          return where === undefined ? file : `${file}:${where}`;
        };
        out.notes.push(note(key, `pad layout read from ${file}`));
      }
    } else {
      out.findings.push({
        code: 'unsupported',
        at: key,
        text: `layout file ${layout} must be .json, .yaml, .yml (or an image: .png)`,
      });
    }
    return out;
  }

  if (typeof layout === 'object' && layout !== null && !Array.isArray(layout) && 'image' in layout) {
    const obj = layout as Record<string, unknown>;
    const key = ['pads', 'layout', 'image'];
    if ('rows' in obj) {
      out.findings.push({ code: 'invalid-layout', at: key, text: 'give either rows or image, not both' });
      return out;
    }
    const image = obj.image;
    if (typeof image !== 'string' || extname(image).toLowerCase() !== '.png') {
      out.findings.push({ code: 'wrong-type', at: key, text: 'must be the path of a .png block bitmap' });
      return out;
    }
    const blockUm = obj.blockUm;
    const copies = obj.redundantCopies ?? 1;
    if (typeof blockUm !== 'number' || !Number.isFinite(blockUm) || !(blockUm > 0)) {
      out.findings.push({
        code: 'wrong-type',
        at: ['pads', 'layout', 'blockUm'],
        text: 'must be a positive number (µm)',
      });
      return out;
    }
    if (typeof copies !== 'number' || !Number.isInteger(copies) || copies < 1) {
      out.findings.push({
        code: 'wrong-type',
        at: ['pads', 'layout', 'redundantCopies'],
        text: 'must be an integer >= 1',
      });
      return out;
    }
    const file = at(image);
    const bytes = await readCapped(readBytes, file, MAX_LAYOUT_PNG_BYTES);
    if (!bytes.ok) {
      fileIssues(bytes.issues, 'pads.layout.image');
      return out;
    }
    const r = layoutFromPng(bytes.value, { blockUm, redundantCopies: copies, source: file });
    if (!r.ok) {
      for (const i of r.issues) {
        out.issues.push({
          code: i.code === 'too-large' || i.code === 'unsupported' ? i.code : 'invalid-layout',
          message: i.message,
          path: 'pads.layout.image',
        });
      }
      return out;
    }
    // Back to the written form (top row first) so validation checks the fit like any layout.
    holder.layout = {
      blockUm,
      redundantCopies: copies,
      rows: [...r.value.rows].reverse().map((row) => row.map((k) => charOf[k]).join('')),
    };
    out.notes.push(note(key, `pad layout read from ${file}`));
  }
  return out;
}
