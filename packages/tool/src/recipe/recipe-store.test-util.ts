// Shared by the recipe store tests: a fresh state directory per test, and a snapshot of the shipped
// seed folder to show the store never writes into it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** The shipped recipes (examples/tool/recipes). */
export const SEED_DIR = join(import.meta.dirname, '../../../../examples/tool/recipes');

/** A temporary directory, removed when the current test finishes (call it inside a test). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bondline-recipes-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under `dir` with its content and modification time, for comparing before and after. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    const st = statSync(path);
    out[name] = st.isFile() ? `${st.mtimeMs} ${readFileSync(path, 'utf8')}` : 'dir';
  }
  return out;
}

/** Files whose names mark an unfinished atomic write (core's writeFileAtomic temp files). */
export function tempFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.tmp'));
}
