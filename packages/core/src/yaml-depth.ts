// How deeply YAML/JSON text nests, found without recursion, so that a few kilobytes of `[[[[...` or
// `- - - - ...` cannot exhaust the stack of the recursive document builder. (The yaml library reports
// a stack overflow as a syntax error, but V8 is left unstable: a second such parse in the same process
// has been seen to abort it with a fatal out-of-memory error.)
import { Lexer, Parser } from 'yaml';

/**
 * The offset (0-based, in `text`) at which the nesting of collections first exceeds `maxDepth`, or
 * undefined when it never does. Stops at that point, so its cost on a hostile text is bounded by
 * `maxDepth`, not by the text.
 */
export function yamlNestingBeyond(text: string, maxDepth: number): number | undefined {
  const parser = new Parser();
  // The parser's stack holds the document and every open collection (in block context also the
  // scalar being read, which counts one level more than there is: a bound, not a count).
  const limit = maxDepth + 1;
  // Flow brackets are also counted as the lexer sees them: after a document has ended, the parser
  // keeps further `[[[...` in an error token instead of its stack, and the document builder then spent
  // hundreds of megabytes on them (found by the reader fuzz test on a loaded machine).
  let flow = 0;
  for (const lexeme of new Lexer().lex(text)) {
    const at = parser.offset;
    if (lexeme === '[' || lexeme === '{') flow += 1;
    else if ((lexeme === ']' || lexeme === '}') && flow > 0) flow -= 1;
    if (flow > maxDepth) return Math.min(at, text.length);
    for (const _ of parser.next(lexeme)) {
      // documents and errors: the depth is what matters here
    }
    if (parser.stack.length > limit) return Math.min(at, text.length);
  }
  return undefined;
}
