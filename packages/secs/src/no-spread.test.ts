// No call in this package's sources spreads an array into arguments (`f(...xs)`, `push(...xs)`,
// `Math.max(...xs)`): V8 overflows its call stack between 125,000 and 130,000 arguments, and the
// wire decides how long most arrays here are. Arrays are passed whole (`L.from(xs)`) or looped over.
// Spreads in array literals, rest parameters and destructuring are fine and not flagged.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) for (const f of sources(p)) out.push(f);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.test-util.ts'))
      out.push(p);
  }
  return out;
}

function callSpreads(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(root, file)}:${line + 1}: ${node.parent.getText().slice(0, 60)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('argument spreads in packages/secs/src', () => {
  it('none', () => {
    expect(sources(root).flatMap(callSpreads)).toEqual([]);
  });
});
