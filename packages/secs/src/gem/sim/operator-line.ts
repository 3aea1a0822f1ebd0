// One line of an operator script to one step, names resolved against the model. `repeat` comes back
// with an empty body (the script parser fills it); `end` is the script parser's.

import type { EquipmentModel } from '../model/equipment-model.js';
import { parseArgs, repeatArgs, sleepArgs, timeoutArgs } from './operator-args.js';
import type { OperatorStep, WaitTarget } from './operator-commands.js';
import {
  alarms,
  collectionEvent,
  controlState,
  LineIssue,
  processingEvent,
  processingState,
  quoted,
  settableVariable,
} from './operator-names.js';
import { restOfLine, type Token } from './operator-tokens.js';
import { checkTemplate, parseValueSource } from './operator-values.js';

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

/** `f()`, with a LineIssue that has no column placed at `token`. */
function at<T>(token: Token | undefined, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof LineIssue && err.column === undefined && token !== undefined)
      throw new LineIssue(err.code, err.message, token.start + 1);
    throw err;
  }
}

/** The step of a line with at least one word (not `end`). */
export function parseStep(ctx: LineContext): OperatorStep {
  const [command, ...argTokens] = ctx.tokens as [Token, ...Token[]];
  const name = command.text;
  const args = argTokens.map((t) => t.text);
  const arity = (n: number, form: string): void => {
    if (args.length !== n) throw new LineIssue('syntax', `expected: ${form}`);
  };
  switch (name) {
    case 'set':
      return parseSet(ctx);
    case 'event': {
      arity(1, 'event <name|ceid>');
      const e = at(argTokens[0], () => collectionEvent(ctx.model, args[0]!));
      return { op: 'event', ceid: e.id, name: e.name };
    }
    case 'alarm': {
      const [verb, ...rest] = args;
      if ((verb !== 'set' && verb !== 'clear') || rest.length === 0)
        throw new LineIssue('syntax', 'expected: alarm set|clear <alid ...|alarm text>');
      const found = at(argTokens[1], () => alarms(ctx.model, rest));
      return { op: 'alarm', set: verb === 'set', alids: found.map((a) => a.id) };
    }
    case 'process':
      arity(1, 'process <event>');
      return { op: 'process', event: at(argTokens[0], () => processingEvent(ctx.model, args[0]!)) };
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
      return { op: 'sleep', ms: parseArgs(sleepArgs, { ms: argTokens[0]! }, 'sleep').ms };
    case 'wait':
      return parseWait(ctx.model, argTokens);
    case 'repeat':
      arity(1, 'repeat <n>');
      return {
        op: 'repeat',
        count: parseArgs(repeatArgs, { count: argTokens[0]! }, 'repeat').count,
        body: [],
      };
    case 'say': {
      const text = restOfLine(ctx.line, ctx.tokens, 1);
      at(argTokens[0], () => checkTemplate(text, ctx.inRepeat));
      return { op: 'say', text };
    }
    default:
      throw new LineIssue(
        'unknown-command',
        `unknown command ${quoted(name)} (commands: ${COMMAND_NAMES.join(', ')})`,
        command.start + 1,
      );
  }
}

function parseSet(ctx: LineContext): OperatorStep {
  const { tokens } = ctx;
  if (tokens.length < 3) throw new LineIssue('syntax', 'expected: set <variable> [=] <value>');
  const v = at(tokens[1], () => settableVariable(ctx.model, tokens[1]!.text));
  const absolute = tokens[2]!.text === '=' && !tokens[2]!.quoted;
  const from = absolute ? 3 : 2;
  const text = restOfLine(ctx.line, tokens, from);
  try {
    const value = at(tokens[from], () =>
      parseValueSource(v.type, tokens.slice(from), text, { absolute, inRepeat: ctx.inRepeat }),
    );
    return { op: 'set', vid: v.id, name: v.name, type: v.type, value };
  } catch (err) {
    if (err instanceof LineIssue) throw new LineIssue(err.code, `set ${v.name}: ${err.message}`, err.column);
    throw err;
  }
}

function parseWait(model: EquipmentModel, args: readonly Token[]): OperatorStep {
  const form =
    'expected: wait processing <state> | wait control <state> | wait communicating | wait selected, then optionally timeout <ms>';
  let rest = [...args];
  let timeoutMs: number | undefined;
  const t = rest.findIndex((a) => a.text === 'timeout');
  if (t >= 0) {
    const ms = rest[t + 1];
    if (t !== rest.length - 2 || ms === undefined) throw new LineIssue('syntax', form);
    timeoutMs = parseArgs(timeoutArgs, { ms }, 'timeout').ms;
    rest = rest.slice(0, t);
  }
  let target: WaitTarget;
  const [what, state, ...extra] = rest;
  if (extra.length > 0) throw new LineIssue('syntax', form);
  if (what?.text === 'processing' && state !== undefined)
    target = { what: 'processing', state: at(state, () => processingState(model, state.text)) };
  else if (what?.text === 'control' && state !== undefined)
    target = { what: 'control', state: at(state, () => controlState(state.text)) };
  else if ((what?.text === 'communicating' || what?.text === 'selected') && state === undefined)
    target = { what: what.text };
  else throw new LineIssue('syntax', form);
  return timeoutMs === undefined ? { op: 'wait', target } : { op: 'wait', target, timeoutMs };
}
