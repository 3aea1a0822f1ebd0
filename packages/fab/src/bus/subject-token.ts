// Tool ids are free text (1..200 visible characters, docs/fab.md §1), but a NATS subject token may not
// hold '.', '*', '>' or spaces, and a KV key allows only [-/_=.A-Za-z0-9]. Ids become tokens by keeping
// letters, digits and '-' and writing every other UTF-8 byte as '_' and two hex digits: readable for
// the usual ids (`B1`, `bonder-07`), one token per id, and never the bare `_` the bus uses for records that
// name no single tool.

/** The token of an id: `B1` → `B1`, `line 2.B1` → `line_202_2EB1`. */
export function idToken(id: string): string {
  let out = '';
  for (const byte of Buffer.from(id, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9-]/.test(c) ? c : `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
