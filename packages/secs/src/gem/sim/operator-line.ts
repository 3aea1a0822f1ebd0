// One line of an operator script to one step, names resolved against the model. `repeat` comes back
// with an empty body (the script parser fills it); `end` is the script parser's.

import type { EquipmentModel } from '../model/equipment-model.js';
import type { OperatorStep, WaitTarget } from './operator-commands.js';
import {
  alarms,
  collectionEvent,
  controlState,
  LineIssue,
  processingEvent,
  processingState,
  settableVariable,
} from './operator-names.js';
import { restOfLine, type Token } from './operator-tokens.js';
import { checkTemplate, parseNumber, parseValueSource } from './operator-values.js';

/** The commands, for the unknown-command message. */
const COMMAND_NAMES = [
  'set',
  'event',
  'alarm',
  'process',
  'online',
  'offline',
  'local',
  'remote',
  'drop',
  'sleep',
  'wait',
  'repeat',
  'end',
  'say',
  'status',
] as const;

interface LineContext {
  line: string;
  tokens: readonly Token[];
  model: EquipmentModel;
  inRepeat: boolean;
}

/** The step of a line with at least one word (not `end`). */
export function parseStep(ctx: LineContext): OperatorStep {
  const words = ctx.tokens.map((t) => t.text);
  const [name, ...args] = words as [string, ...string[]];
  const arity = (n: number, form: string): void => {
    if (args.length !== n) throw new LineIssue('syntax', `expected: ${form}`);
  };
  switch (name) {
    case 'set':
      return parseSet(ctx);
    case 'event': {
      arity(1, 'event <name|ceid>');
      const e = collectionEvent(ctx.model, args[0]!);
      return { op: 'event', ceid: e.id, name: e.name };
    }
    case 'alarm': {
      const [verb, ...rest] = args;
      if ((verb !== 'set' && verb !== 'clear') || rest.length === 0)
        throw new LineIssue('syntax', 'expected: alarm set|clear <alid ...|alarm text>');
      return { op: 'alarm', set: verb === 'set', alids: alarms(ctx.model, rest).map((a) => a.id) };
    }
    case 'process':
      arity(1, 'process <event>');
      return { op: 'process', event: processingEvent(ctx.model, args[0]!) };
    case 'online':
    case 'offline':
    case 'local':
    case 'remote':
    case 'drop':
    case 'status':
      arity(0, name);
      return { op: name };
    case 'sleep':
      arity(1, 'sleep <ms>');
      return { op: 'sleep', ms: milliseconds(args[0], 'sleep ms') };
    case 'wait':
      return parseWait(ctx.model, args);
    case 'repeat': {
      arity(1, 'repeat <n>');
      const n = parseNumber(args[0], 'repeat count');
      if (!Number.isInteger(n) || n < 0)
        throw new LineIssue('bad-number', `repeat count must be a whole number >= 0, got ${args[0]}`);
      return { op: 'repeat', count: n, body: [] };
    }
    case 'say': {
      const text = restOfLine(ctx.line, ctx.tokens, 1);
      checkTemplate(text, ctx.inRepeat);
      return { op: 'say', text };
    }
    default:
      throw new LineIssue(
        'unknown-command',
        `unknown command '${name}' (commands: ${COMMAND_NAMES.join(', ')})`,
      );
  }
}

function parseSet(ctx: LineContext): OperatorStep {
  const { tokens } = ctx;
  if (tokens.length < 3) throw new LineIssue('syntax', 'expected: set <variable> [=] <value>');
  const v = settableVariable(ctx.model, tokens[1]!.text);
  const absolute = tokens[2]!.text === '=' && !tokens[2]!.quoted;
  const from = absolute ? 3 : 2;
  const words = tokens.slice(from).map((t) => t.text);
  const text = restOfLine(ctx.line, tokens, from);
  try {
    const value = parseValueSource(v.type, words, text, { absolute, inRepeat: ctx.inRepeat });
    return { op: 'set', vid: v.id, name: v.name, type: v.type, value };
  } catch (err) {
    if (err instanceof LineIssue) throw new LineIssue(err.code, `set ${v.name}: ${err.message}`);
    throw err;
  }
}

function parseWait(model: EquipmentModel, args: readonly string[]): OperatorStep {
  const form =
    'expected: wait processing <state> | wait control <state> | wait communicating | wait selected, then optionally timeout <ms>';
  let rest = [...args];
  let timeoutMs: number | undefined;
  const t = rest.indexOf('timeout');
  if (t >= 0) {
    if (t !== rest.length - 2) throw new LineIssue('syntax', form);
    timeoutMs = milliseconds(rest[t + 1], 'timeout ms');
    if (timeoutMs === 0) throw new LineIssue('bad-number', 'timeout ms must be > 0');
    rest = rest.slice(0, t);
  }
  let target: WaitTarget;
  const [what, state, ...extra] = rest;
  if (extra.length > 0) throw new LineIssue('syntax', form);
  if (what === 'processing' && state !== undefined) target = { what, state: processingState(model, state) };
  else if (what === 'control' && state !== undefined) target = { what, state: controlState(state) };
  else if ((what === 'communicating' || what === 'selected') && state === undefined) target = { what };
  else throw new LineIssue('syntax', form);
  return timeoutMs === undefined ? { op: 'wait', target } : { op: 'wait', target, timeoutMs };
}

function milliseconds(word: string | undefined, what: string): number {
  const n = parseNumber(word, what);
  if (!Number.isInteger(n) || n < 0)
    throw new LineIssue('bad-number', `${what} must be a whole number >= 0, got ${word}`);
  return n;
}
