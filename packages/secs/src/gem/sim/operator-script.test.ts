// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${i} is the operator language's repeat counter, written literally
import { describe, expect, it } from 'vitest';
import { exampleModel } from '../equipment/test-rig.test-util.js';
import type { OperatorCommand } from './operator-commands.js';
import { OperatorScriptReader, parseOperatorScript } from './operator-script.js';

const model = exampleModel();

function commands(text: string): OperatorCommand[] {
  const r = parseOperatorScript(text, model, 'test.txt');
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value.commands;
}

function issues(text: string): string[] {
  const r = parseOperatorScript(text, model, 'test.txt');
  if (r.ok) throw new Error('expected issues');
  return r.issues.map((i) => i.message);
}

const one = (text: string): OperatorCommand => {
  const c = commands(text);
  expect(c).toHaveLength(1);
  return c[0]!;
};

describe('operator script: commands', () => {
  it('set: literals of the declared type, by name or id, = for a negative absolute value', () => {
    expect(one('set WafersBonded 7')).toEqual({
      op: 'set',
      vid: 12,
      name: 'WafersBonded',
      type: 'U4',
      value: { kind: 'literal', value: 7 },
      line: 1,
    });
    expect(one('set 10 2.5e-3')).toMatchObject({ vid: 10, value: { kind: 'literal', value: 0.0025 } });
    expect(one('set chamberpressure 3')).toMatchObject({ name: 'ChamberPressure' });
    expect(one('set ChuckTemperature = -20')).toMatchObject({ value: { kind: 'literal', value: -20 } });
    expect(one('set Recipe BOND-STD')).toMatchObject({ value: { kind: 'literal', value: 'BOND-STD' } });
    expect(one('set Recipe "two words # not a comment"')).toMatchObject({
      value: { kind: 'literal', value: 'two words # not a comment' },
    });
    expect(one('set Recipe two  words # comment')).toMatchObject({
      value: { kind: 'literal', value: 'two  words' },
    });
    expect(one('set Recipe "say \\"hi\\""')).toMatchObject({ value: { kind: 'literal', value: 'say "hi"' } });
  });

  it('set: relative steps, uniform, normal and the repeat counter', () => {
    expect(one('set WafersBonded +1')).toMatchObject({ value: { kind: 'relative', delta: 1 } });
    expect(one('set ChamberPressure -0.5')).toMatchObject({ value: { kind: 'relative', delta: -0.5 } });
    expect(one('set OverlayX uniform -5 5')).toMatchObject({ value: { kind: 'uniform', lo: -5, hi: 5 } });
    expect(one('set BondForce normal 20000 150')).toMatchObject({
      value: { kind: 'normal', mean: 20000, sd: 150 },
    });
    const [r] = commands('repeat 2\n  set WafersBonded ${i}\n  set PairId P-${i}\nend');
    expect(r).toMatchObject({
      op: 'repeat',
      count: 2,
      line: 1,
      body: [
        { op: 'set', value: { kind: 'counter' }, line: 2 },
        { op: 'set', value: { kind: 'template', text: 'P-${i}' }, line: 3 },
      ],
    });
  });

  it('event, alarm, process, control switches, drop, sleep, say, status', () => {
    expect(one('event PairBonded')).toEqual({ op: 'event', ceid: 400, name: 'PairBonded', line: 1 });
    expect(one('event 500')).toMatchObject({ ceid: 500, name: 'ChamberVacuumAlarmSet' });
    expect(one('alarm set 1 3')).toEqual({ op: 'alarm', set: true, alids: [1, 3], line: 1 });
    expect(one('alarm clear "Chamber vacuum lost"')).toMatchObject({ set: false, alids: [1] });
    expect(one('alarm clear chamber vacuum lost')).toMatchObject({ alids: [1] });
    expect(one('process start')).toEqual({ op: 'process', event: 'START', line: 1 });
    for (const op of ['online', 'offline', 'local', 'remote', 'drop', 'status'])
      expect(one(op)).toEqual({ op, line: 1 });
    expect(one('sleep 250')).toEqual({ op: 'sleep', ms: 250, line: 1 });
    expect(one('say hello  there # not printed')).toEqual({ op: 'say', text: 'hello  there', line: 1 });
    expect(one('say "  padded"')).toEqual({ op: 'say', text: '  padded', line: 1 });
  });

  it('wait for processing, control, communicating and selected, with a timeout', () => {
    expect(one('wait processing EXECUTING')).toEqual({
      op: 'wait',
      target: { what: 'processing', state: 'EXECUTING' },
      line: 1,
    });
    expect(one('wait control online-remote timeout 5000')).toEqual({
      op: 'wait',
      target: { what: 'control', state: 'online-remote' },
      timeoutMs: 5000,
      line: 1,
    });
    expect(one('wait control online')).toMatchObject({ target: { what: 'control', state: 'online' } });
    expect(one('wait communicating')).toMatchObject({ target: { what: 'communicating' } });
    expect(one('wait selected timeout 10')).toMatchObject({ target: { what: 'selected' }, timeoutMs: 10 });
  });

  it('nested repeats, comments and blank lines keep line numbers', () => {
    const c = commands(
      '# a drill\n\nrepeat 2\n  repeat 3 # inner\n    say ${i}\n  end\n  status\nend\nsay done',
    );
    expect(c).toEqual([
      {
        op: 'repeat',
        count: 2,
        line: 3,
        body: [
          { op: 'repeat', count: 3, line: 4, body: [{ op: 'say', text: '${i}', line: 5 }] },
          { op: 'status', line: 7 },
        ],
      },
      { op: 'say', text: 'done', line: 9 },
    ]);
  });
});

describe('operator script: issues name file:line, and every one is reported', () => {
  const cases: [string, string][] = [
    ['bogus 1', "test.txt:1: unknown command 'bogus' (commands: set, event,"],
    ['set Nope 1', "test.txt:1: unknown variable 'Nope' (settable: ChamberPressure,"],
    ['set ControlState 5', 'test.txt:1: ControlState is maintained by GEM (builtin control-state)'],
    ['set BondForceSetpoint high', "test.txt:1: set BondForceSetpoint: value (F8): 'high' is not a number"],
    ['set WafersBonded abc', "test.txt:1: set WafersBonded: value (U4): 'abc' is not a number"],
    ['set WafersBonded 1.5', 'test.txt:1: set WafersBonded: 1.5 is not an integer in 0..4294967295 (U4)'],
    ['set WafersBonded +0.5', 'test.txt:1: set WafersBonded: a step of U4 must be an integer, got +0.5'],
    ['set WafersBonded 1 2', "test.txt:1: set WafersBonded: expected one number (U4), got '1 2'"],
    ['set WafersBonded uniform 5 1', 'test.txt:1: set WafersBonded: uniform: hi (1) is below lo (5)'],
    ['set WafersBonded uniform -1 5', 'test.txt:1: set WafersBonded: uniform bound: -1 is not an integer'],
    ['set BondForce normal 1', 'test.txt:1: set BondForce: normal takes two numbers: normal <mean> <sd>'],
    ['set BondForce normal 1 -2', 'test.txt:1: set BondForce: normal: sd must be >= 0, got -2'],
    ['set BondForce', 'test.txt:1: expected: set <variable> [=] <value>'],
    ['set BondForce =', 'test.txt:1: set BondForce: a value is missing (F8)'],
    ['set PairId ${i}', 'test.txt:1: set PairId: ${i} is used outside repeat ... end'],
    [
      'set PairId ${j}',
      "test.txt:1: set PairId: unknown substitution '${j}' (only ${i}, the repeat counter)",
    ],
    ['set PairId "open', 'test.txt:1: the quote opened at column 12 is not closed'],
    ['event Nope', "test.txt:1: unknown collection event 'Nope' (events: ControlStateEquipmentOffline,"],
    ['event', 'test.txt:1: expected: event <name|ceid>'],
    ['alarm set 9', 'test.txt:1: unknown alarm 9 (ALIDs: 1, 2, 3)'],
    ['alarm set door open', "test.txt:1: unknown alarm 'door open' (give an ALID: 1, 2, 3, or its text)"],
    ['alarm toggle 1', 'test.txt:1: expected: alarm set|clear <alid ...|alarm text>'],
    [
      'process EXPLODE',
      "test.txt:1: unknown processing event 'EXPLODE' (events: START, STOP, PAUSE, RESUME)",
    ],
    ['online now', 'test.txt:1: expected: online'],
    ['sleep -1', 'test.txt:1: sleep ms: must be a whole number >= 0, got -1'],
    ['sleep soon', "test.txt:1: sleep ms: 'soon' is not a number"],
    ['wait processing BUSY', "test.txt:1: unknown processing state 'BUSY' (states: IDLE, EXECUTING, PAUSED)"],
    ['wait control up', "test.txt:1: unknown control state 'up' (states: equipment-offline,"],
    ['wait selected timeout 0', 'test.txt:1: timeout ms: must be > 0'],
    ['wait selected timeout', 'test.txt:1: expected: wait processing <state> |'],
    ['wait forever', 'test.txt:1: expected: wait processing <state> |'],
    ['repeat 2.5\nend', 'test.txt:1: repeat count: must be a whole number >= 0, got 2.5'],
    ['say ${i}', 'test.txt:1: ${i} is used outside repeat ... end'],
    ['end', 'test.txt:1: end without repeat'],
    ['repeat 2\n  say x', 'test.txt:1: repeat has no matching end'],
    ['repeat 1\nend now', 'test.txt:2: expected: end'],
    ['repeat 1\n  say a\nend now\nsay b', 'test.txt:3: expected: end'],
  ];
  for (const [text, expected] of cases)
    it(JSON.stringify(text), () => {
      const found = issues(text);
      expect(found, found.join('\n')).toHaveLength(1);
      expect(found[0]).toContain(expected);
    });

  it('collects the issues of every line, and a bad repeat does not make its end unbalanced', () => {
    expect(issues('say ok\nset Nope 1\nrepeat x\n  event Nope\nend\nprocess EXPLODE\nrepeat 1')).toEqual([
      "test.txt:2: unknown variable 'Nope' (settable: ChamberPressure, ChuckTemperature, WafersBonded, Recipe, BondForce, OverlayX, OverlayY, PairId, BondForceSetpoint, ChuckTemperatureSetpoint, AlignmentRetries, PlasmaTimeS, ... (5 more))",
      "test.txt:3: repeat count: 'x' is not a number",
      expect.stringContaining("test.txt:4: unknown collection event 'Nope'"),
      expect.stringContaining("test.txt:6: unknown processing event 'EXPLODE'"),
      'test.txt:7: repeat has no matching end',
    ]);
  });
});

describe('OperatorScriptReader (the console)', () => {
  it('hands out top-level commands as lines complete them, a repeat block at its end', () => {
    const reader = new OperatorScriptReader(model, 'operator');
    expect(reader.push('status').commands).toEqual([{ op: 'status', line: 1 }]);
    expect(reader.push('repeat 2').commands).toEqual([]);
    expect(reader.depth).toBe(1);
    expect(reader.push('say ${i}').commands).toEqual([]);
    expect(reader.push('end').commands).toEqual([
      { op: 'repeat', count: 2, line: 2, body: [{ op: 'say', text: '${i}', line: 3 }] },
    ]);
    expect(reader.depth).toBe(0);
  });

  it('reports a bad line at once and drops the block that held it', () => {
    const reader = new OperatorScriptReader(model, 'operator');
    reader.push('repeat 2');
    expect(reader.push('event Nope').issues.map((i) => i.message)).toEqual([
      expect.stringContaining("operator:2: unknown collection event 'Nope'"),
    ]);
    expect(reader.push('end')).toEqual({ commands: [], issues: [] });
    expect(reader.push('say next').commands).toEqual([{ op: 'say', text: 'next', line: 4 }]);
  });
});
