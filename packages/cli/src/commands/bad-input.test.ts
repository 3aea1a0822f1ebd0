// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${i} is the operator language's repeat counter, written literally
// End to end: bad model, scenario and SML files are refused before anything runs, with exit code 2,
// a message naming file:line (and column where there is one) and the problem, and no stack trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliRun, hasStackTrace, REPO_ROOT, runBondline } from './e2e.test-util.js';

const MODEL = join(REPO_ROOT, 'examples/equipment.yaml');
const dir = mkdtempSync(join(tmpdir(), 'bondline-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A file in the test directory holding `content` (text, or bytes as they are). */
function file(name: string, content: string | Uint8Array): string {
  const f = join(dir, `${n++}-${name}`);
  writeFileSync(f, content);
  return f;
}

const BOM = '\uFEFF';
const utf16 = (s: string): Uint8Array =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

/** A refusal: exit 2, nothing on stdout, one stderr text holding every `parts`, no stack trace. */
function refused(r: CliRun, ...parts: string[]): void {
  expect(r.code, r.stderr).toBe(2);
  for (const p of parts) expect(r.stderr).toContain(p);
  expect(hasStackTrace(r.stderr)).toBe(false);
  expect(r.stderr).not.toMatch(/internal error/);
}

const MINIMAL = "mdln: M\nsoftrev: '1'\nprocessing: { states: [IDLE] }\n";

describe.concurrent('bondline equipment: a bad model file', { timeout: 120_000 }, () => {
  const equipment = (model: string) => runBondline('equipment', ['--port', '0', '--model', model]);

  it('names file:line:column, the key path and the problem of each field', async () => {
    const f = file(
      'model.yaml',
      `${MINIMAL}deviceId: "7"\nstatusVariables:\n  - { id: 1, name: Temp, type: F16 }\nspool: { maxBytes: 1e400 }\n`,
    );
    const r = await equipment(f);
    refused(
      r,
      `invalid model ${f} (3 problems):`,
      `${f}:4:1: deviceId: expected an integer 0..32767, got "7"`,
      `${f}:6:26: statusVariables[0].type: "F16" is not allowed; expected one of U1, U2, U4,`,
      `${f}:7:10: spool.maxBytes: Infinity is outside 1..9007199254740991`,
    );
    expect(r.stdout).not.toContain('listening');
  });

  it('a YAML syntax error, a JSON model with a trailing comma, a duplicate key', async () => {
    const syntax = file('syntax.yaml', 'mdln: [x\n');
    const json = file('model.json', '{"mdln": "M", "softrev": "1",}');
    const dup = file('dup.yaml', `${MINIMAL}mdln: N\n`);
    const [s, j, d] = await Promise.all([equipment(syntax), equipment(json), equipment(dup)]);
    refused(s, `${syntax}:`, 'YAML syntax:');
    refused(j, `${json}`, 'JSON syntax:');
    refused(d, `${dup}:4:1: YAML syntax:`);
  });

  it('an empty model, a UTF-16 model and a binary file say what they are', async () => {
    const empty = file('empty.yaml', '# to be written\n');
    const wide = file('wide.yaml', utf16(MINIMAL));
    const bin = file('model.bin', Uint8Array.of(0x6d, 0x00, 0x01, 0x02));
    const [e, w, b] = await Promise.all([equipment(empty), equipment(wide), equipment(bin)]);
    refused(e, `${empty}: the model is empty`);
    refused(w, `${wide}: the file is UTF-16`);
    refused(b, `${bin}: byte 1 is NUL: this is binary data`);
  });

  it('a model and scenario with a UTF-8 byte-order mark load and run', async () => {
    const model = file('bom.yaml', `${BOM}${MINIMAL}deviceId: 3\n`);
    const scenario = file('bom.txt', `${BOM}say hello from device 3\n`);
    const r = await runBondline('equipment', [
      '--port',
      '0',
      '--model',
      model,
      '--scenario',
      scenario,
      '--exit-after-scenario',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('hello from device 3\n');
  });
});

describe.concurrent('bondline equipment: a bad scenario file', { timeout: 120_000 }, () => {
  const scenario = (f: string) =>
    runBondline('equipment', ['--port', '0', '--model', MODEL, '--scenario', f, '--exit-after-scenario']);

  it('names file:line and the problem of every line', async () => {
    const f = file(
      'bad.txt',
      'say ok\nset BondForce 1e400\nsleep 99999999999\nstatus\u00A0now\nset PairId ${j}\n',
    );
    const r = await scenario(f);
    refused(
      r,
      'invalid scenario (4 problems):',
      `${f}:2: set BondForce: value (F8): '1e400' is too large`,
      `${f}:3: sleep ms: must be at most 2147483647, got 99999999999`,
      `${f}:4: unknown command 'status<U+00A0 no-break space>now'`,
      `${f}:5: set PairId: unknown substitution '\${j}'`,
    );
    expect(r.stdout).not.toContain('listening');
  });

  it('an empty scenario, or one of comments only, is refused', async () => {
    const files = ['', '# nothing here yet\n'].map((text) => file('empty.txt', text));
    const runs = await Promise.all(files.map(scenario));
    for (const [i, r] of runs.entries())
      refused(r, `${files[i]}: the scenario has no commands (it is empty or holds only comments)`);
  });

  it('repeat blocks nested too deep', async () => {
    const f = file('deep.txt', `${'repeat 1\n'.repeat(40)}say x\n${'end\n'.repeat(40)}`);
    refused(await scenario(f), `${f}:33: repeat blocks nested deeper than 32`);
  });
});

describe.concurrent('bondline sml encode: a bad SML file', { timeout: 120_000 }, () => {
  const encode = (f: string) => runBondline('sml', ['encode', f]);

  it('names file:line:column and the problem', async () => {
    const f = file('msgs.sml', 'S1F1 W.\nS1F3 W\n  <L [2] <U4 1>>.\n');
    const r = await encode(f);
    refused(r, `${f}:3:6: L declares [2] but holds 1`);
    expect(r.stdout).toBe('');
  });

  it('an empty SML file, or one of comments only, is refused', async () => {
    const files = ['', '// nothing yet\n', '/* still nothing */'].map((text) => file('empty.sml', text));
    const runs = await Promise.all(files.map(encode));
    for (const [i, r] of runs.entries())
      refused(r, `${files[i]}: no SML message: the text is empty or holds only comments`);
  });

  it('a number where text belongs, text where a number belongs, huge numbers, deep nesting', async () => {
    const a = file('a.sml', 'S1F3 W <A 42>.');
    const u = file('u.sml', 'S1F3 W <U4 "42">.');
    const big = file('big.sml', `S1F3 W <U4 ${'9'.repeat(100_000)}>.`);
    const f4 = file('f4.sml', 'S1F3 W <F4 1e39>.');
    const deep = file('deep.sml', `S1F3 W ${'<L '.repeat(10_000)}${'>'.repeat(10_000)}.`);
    const [ra, ru, rbig, rf4, rdeep] = await Promise.all([
      encode(a),
      encode(u),
      encode(big),
      encode(f4),
      encode(deep),
    ]);
    refused(ra, `${a}:1:11: A: expected a quoted string, got '42' (a number as text is written "42")`);
    refused(ru, `${u}:1:12: U4: expected values, got text`);
    refused(rbig, `${big}:1:12: U4: '${'9'.repeat(40)}… (100000 characters)' is out of range`);
    refused(rf4, `${f4}:1:12: F4: '1e39' is out of range`);
    refused(rdeep, `${deep}:1:200: lists nested deeper than 64`);
  });

  it('a UTF-8 byte-order mark is accepted; UTF-16 is named', async () => {
    const bom = file('bom.sml', `${BOM}S1F1 W <U4 1>.\n`);
    expect(await encode(bom)).toEqual({ code: 0, stdout: 'b10400000001\n', stderr: '' });
    const wide = file('wide.sml', utf16('S1F1 W.'));
    refused(await encode(wide), `${wide}: the file is UTF-16`);
  });
});

describe.concurrent('bondline host --script: a bad SML script', { timeout: 120_000 }, () => {
  // Refused before connecting: nothing listens on port 9.
  const host = (f: string) => runBondline('host', ['--connect', '127.0.0.1:9', '--script', f]);

  it('names file:line:column and the problem', async () => {
    const f = file('session.sml', 'S1F13 W <L>.\nS2F41 W <L <A START> <L>>.\n');
    refused(await host(f), `${f}:2:15: A: expected a quoted string, got 'START'`);
  });

  it('an empty script is refused', async () => {
    const f = file('empty.sml', '// TODO\n');
    refused(await host(f), `${f}: no SML message: the text is empty or holds only comments`);
  });
});
