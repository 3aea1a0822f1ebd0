// The `bondline ...` command lines of a Markdown README: in fenced or indented code blocks (a `$ `
// prompt is stripped, and the lines after it up to the next prompt are the output shown) and in inline
// code spans. A line with a placeholder (`<file>`, `[--json]`, `...`) is a synopsis, and a bare
// `bondline yield` in running text is a mention: neither is a command line. A bare command alone on
// a line of a code block (`npx bondline demo`) is one.

/** One command line of a README. */
export interface ReadmeCommand {
  file: string;
  /** 1-based line of the command (of its paragraph for an inline span). */
  line: number;
  /** As written, without a `$ ` prompt. */
  text: string;
  /** The output shown below a `$ ` prompt, when some is shown. */
  shown?: string;
  /** Commands shown together (one code block or one paragraph): servers and their clients. */
  group: string;
}

const COMMAND = /^(npx )?bondline \S+/;
/** `bondline demo` alone on a line of a code block runs as it is (in running text it is a mention). */
const BARE = /^(npx )?bondline [a-z][a-z0-9-]*$/;
const PIPED = /\| (npx )?bondline \S+/;

/** Every command line of `markdown` (the text of `file`). */
export function readmeCommands(file: string, markdown: string): ReadmeCommand[] {
  const lines = markdown.split('\n');
  const out: ReadmeCommand[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trimStart().startsWith('```')) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith('```'); i++) body.push(lines[i]!);
      out.push(...blockCommands(file, start + 2, body));
      i++;
    } else if (/^ {4}\S/.test(line) && (i === 0 || lines[i - 1]!.trim() === '')) {
      const start = i;
      const body: string[] = [];
      for (; i < lines.length && (/^ {4}/.test(lines[i]!) || lines[i]!.trim() === ''); i++)
        body.push(lines[i]!.slice(4));
      out.push(...blockCommands(file, start + 1, body));
    } else if (line.startsWith('#')) {
      i++; // a heading names a command, it does not run one
    } else if (line.trim() !== '') {
      const start = i;
      const para: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.trimStart().startsWith('```'); i++)
        para.push(lines[i]!);
      for (const m of para.join(' ').matchAll(/`([^`]+)`/g)) {
        const text = m[1]!.split(/\s+/).join(' ').trim();
        if (isCommandLine(text)) out.push({ file, line: start + 1, text, group: `${file}:${start + 1}` });
      }
    } else i++;
  }
  return out;
}

function blockCommands(file: string, firstLine: number, body: string[]): ReadmeCommand[] {
  const out: ReadmeCommand[] = [];
  const group = `${file}:${firstLine - 1}`;
  body.forEach((raw, k) => {
    const prompted = raw.startsWith('$ ');
    const text = (prompted ? raw.slice(2) : raw).trim();
    if (!isCommandLine(text) && !BARE.test(text)) return;
    const cmd: ReadmeCommand = { file, line: firstLine + k, text, group };
    if (prompted) {
      const shown: string[] = [];
      for (const next of body.slice(k + 1)) {
        if (next.startsWith('$ ')) break;
        shown.push(next);
      }
      while (shown.length > 0 && shown.at(-1)!.trim() === '') shown.pop();
      if (shown.length > 0) cmd.shown = shown.map((s) => `${s}\n`).join('');
    }
    out.push(cmd);
  });
  return out;
}

/** A whole invocation: `bondline <command>` with arguments and no placeholder, or piped into one. */
function isCommandLine(text: string): boolean {
  if (!COMMAND.test(text) && !PIPED.test(text)) return false;
  // Quoted text (an SML message) may hold '<' and '['; placeholders are outside quotes.
  const bare = text.replace(/'[^']*'|"[^"]*"/g, "''");
  if (/[<>[\]]|\.\.\.|…/.test(bare)) return false;
  if (/^(npx )?bondline \S+:/.test(text)) return false; // an error message shown, not a command
  return PIPED.test(text) || bare.replace(/^npx /, '').split(' ').length > 2;
}
