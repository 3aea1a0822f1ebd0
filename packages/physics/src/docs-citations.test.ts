// Citations stay true: every `docs/<file>.md §N` in code, tests, benches, scripts and READMEs names a
// docs file that exists and a numbered section heading in it; no code cites the old design documents
// outside the repository (PHYSICS.md, ALIGN.md, SECS.md); every relative Markdown link in the READMEs
// and docs/ points at a file that exists, and at a heading of it when it has an #anchor.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

interface DocIndex {
  /** Section numbers of the numbered headings ('2', '1.4'). */
  sections: Set<string>;
  /** GitHub anchors of all headings. */
  anchors: Set<string>;
}

/** GitHub's heading anchor: lower case, punctuation other than - and _ dropped, spaces to '-'. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function indexMarkdown(text: string): DocIndex {
  const sections = new Set<string>();
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    const h = /^#{1,6}\s+(.*)$/.exec(line);
    if (h === null) continue;
    const title = h[1] as string;
    const base = slug(title);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
    const num = /^(\d+(?:\.\d+)*)\.?\s/.exec(title);
    if (num !== null) sections.add(num[1] as string);
  }
  return { sections, anchors };
}

interface CitationIssue {
  line: number;
  message: string;
}

/**
 * Problems with the citations in one file's text. `docs` maps a docs file name ('physics.md') to its
 * index; `oldNames` says whether citing the old design documents counts as a problem (not in docs/,
 * which names them on purpose).
 */
function citationIssues(
  text: string,
  docs: ReadonlyMap<string, DocIndex>,
  oldNames: boolean,
): CitationIssue[] {
  const issues: CitationIssue[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/docs\/([\w.-]+\.md)(?:\s*§\s*(\d+(?:\.\d+)*))?/g)) {
      const [, file, section] = m as unknown as [string, string, string | undefined];
      const doc = docs.get(file);
      if (doc === undefined) issues.push({ line: i + 1, message: `docs/${file} does not exist` });
      else if (section !== undefined && !doc.sections.has(section)) {
        issues.push({ line: i + 1, message: `docs/${file} has no section §${section}` });
      }
    }
    if (oldNames) {
      for (const m of line.matchAll(/(?<![\w/.-])(PHYSICS|ALIGN|SECS)\.md/g)) {
        const name = (m[1] as string).toLowerCase();
        issues.push({ line: i + 1, message: `cites ${m[0]} outside the repository: use docs/${name}.md §N` });
      }
    }
  });
  return issues;
}

/** Relative Markdown links of a file whose target file or #anchor does not exist. */
function linkIssues(file: string, text: string): CitationIssue[] {
  const issues: CitationIssue[] = [];
  let fenced = false;
  text.split('\n').forEach((line, i) => {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) return;
    // Inline code is not a link: `[.s...](Z|±hh:mm)` in a time format is text.
    for (const m of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1] as string;
      if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
      const [path, anchor] = target.split('#') as [string, string | undefined];
      const abs = resolve(dirname(file), path);
      if (!existsSync(abs)) {
        issues.push({ line: i + 1, message: `link to ${target}: no such file` });
      } else if (anchor !== undefined && abs.endsWith('.md')) {
        if (!indexMarkdown(readFileSync(abs, 'utf8')).anchors.has(anchor)) {
          issues.push({ line: i + 1, message: `link to ${target}: no heading with that anchor` });
        }
      }
    }
  });
  return issues;
}

function walk(dir: string, keep: (f: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, keep, out);
    else if (keep(p)) out.push(p);
  }
  return out;
}

function docsIndex(): Map<string, DocIndex> {
  const docs = new Map<string, DocIndex>();
  for (const f of readdirSync(join(ROOT, 'docs')).filter((n) => n.endsWith('.md'))) {
    docs.set(f, indexMarkdown(readFileSync(join(ROOT, 'docs', f), 'utf8')));
  }
  return docs;
}

const packages = readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p));
const isCode = (f: string) => /\.(ts|js|mjs)$/.test(f);
const codeFiles = [
  ...packages.flatMap((p) => [...walk(join(p, 'src'), isCode), ...walk(join(p, 'bench'), isCode)]),
  ...walk(join(ROOT, 'scripts'), isCode),
].filter((f) => f !== import.meta.filename); // this file cites bad sections on purpose
const readmes = [join(ROOT, 'README.md'), ...packages.map((p) => join(p, 'README.md')).filter(existsSync)];
const docFiles = walk(join(ROOT, 'docs'), (f) => f.endsWith('.md'));

function report(files: readonly string[], check: (file: string, text: string) => CitationIssue[]): string[] {
  return files.flatMap((f) =>
    check(f, readFileSync(f, 'utf8')).map((x) => `${relative(ROOT, f)}:${x.line}: ${x.message}`),
  );
}

describe('docs citations', () => {
  const docs = docsIndex();

  it('finds the specifications and their numbered sections', () => {
    expect([...docs.keys()].sort()).toEqual(expect.arrayContaining(['align.md', 'physics.md', 'secs.md']));
    for (const s of ['1', '2', '3', '4', '5', '6', '7'])
      expect(docs.get('physics.md')?.sections.has(s)).toBe(true);
    expect(docs.get('secs.md')?.sections.has('1.4')).toBe(true);
    expect(codeFiles.length).toBeGreaterThan(100);
  });

  it('flags a missing file, a missing section and an old design document name', () => {
    const text = [
      'ok: docs/physics.md §2 and docs/secs.md §1.4.',
      'docs/nowhere.md §1',
      'see docs/physics.md §9',
      '(PHYSICS.md §3)',
    ].join('\n');
    expect(citationIssues(text, docs, true)).toEqual([
      { line: 2, message: 'docs/nowhere.md does not exist' },
      { line: 3, message: 'docs/physics.md has no section §9' },
      { line: 4, message: 'cites PHYSICS.md outside the repository: use docs/physics.md §N' },
    ]);
  });

  it('code, tests, benches and scripts cite existing docs sections only', () => {
    expect(report(codeFiles, (_f, t) => citationIssues(t, docs, true))).toEqual([]);
  });

  it('READMEs cite existing docs sections, and their relative links resolve', () => {
    expect(report(readmes, (f, t) => [...citationIssues(t, docs, true), ...linkIssues(f, t)])).toEqual([]);
  });

  it('docs/ cites its own sections correctly, and its relative links resolve', () => {
    expect(report(docFiles, (f, t) => [...citationIssues(t, docs, false), ...linkIssues(f, t)])).toEqual([]);
  });
});
