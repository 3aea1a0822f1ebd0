import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runBondline } from './e2e.test-util.js';

const cli = (args: string[], input?: string) => runBondline('sml', args, input);

describe.concurrent('bondline sml (end to end)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bondline-sml-'));
  const smlFile = join(dir, 'msgs.sml');
  writeFileSync(smlFile, '// two messages\nS1F3 W <L[2] <U4 1> <U4 2>>.\nS1F1 W.\n');

  it('encode prints each body as lowercase hex, one line per message', async () => {
    // L[2] = 01 02; U4 1 = b1 04 00000001 (docs/secs.md §2.2 format byte 0xB0 | 1 length byte); S1F1 has no body.
    const r = await cli(['encode', smlFile]);
    expect(r).toEqual({ code: 0, stdout: '0102b10400000001b10400000002\n\n', stderr: '' });
  });

  it('encode --frame prints whole HSMS frames; decode --frame reads them back', async () => {
    const r = await cli(['encode', '--frame', '--session', '100', '--system', '123', smlFile]);
    // docs/secs.md §2.3: S1F1 W on session 100 with system bytes 123 has header 00 64 81 01 00 00 00 00 00 7B;
    // the second message gets system 124 (0x7C). Lengths: 10 + 14 body bytes = 0x18, and 10.
    expect(r.stdout).toBe(
      '00000018' +
        '0064810300000000007b' +
        '0102b10400000001b10400000002\n' +
        '0000000a' +
        '00648101000000' +
        '00007c\n',
    );
    const back = await cli(['decode', '--frame', '--compact', '-'], r.stdout);
    expect(back).toEqual({
      code: 0,
      stdout:
        '// session 100, system 123\nS1F3 W <L [2] <U4 1> <U4 2>>.\n// session 100, system 124\nS1F1 W.\n',
      stderr: '',
    });
  });

  it('decode --frame shows an HSMS control message as an SML comment', async () => {
    // Select.req (SType 1) on session 0xFFFF, system bytes 7, hand-assembled per the header table of docs/secs.md §1.1.
    const r = await cli(['decode', '--frame', '-'], '0000000a ffff 00 00 00 01 00000007\n');
    expect(r).toEqual({
      code: 0,
      stdout: '// HSMS control message Select.req (byte 2 = 0, byte 3 = 0), session 65535, system 7\n',
      stderr: '',
    });
  });

  it('decode accepts spaces and colons and prints SML items', async () => {
    const r = await cli(
      ['decode', '-'],
      'B1 04 00 00 05 39\n# comment\n\n71:0C:00:00:00:7B:00:00:00:EA:FF:FF:FE:A7\n25 01 01\n',
    );
    expect(r).toEqual({ code: 0, stdout: '<U4 1337>\n<I4 123 234 -345>\n<BOOLEAN TRUE>\n', stderr: '' });
  });

  it('bare items (as decode prints them) encode to bodies, so decode | encode gives the bytes back', async () => {
    const hexIn = 'b10400000539\n0102410178a500\n';
    const items = await cli(['decode', '-'], hexIn);
    expect(items.stdout).toBe('<U4 1337>\n<L [2]\n  <A "x">\n  <U1>\n>\n');
    expect(await cli(['encode', '-'], items.stdout)).toEqual({ code: 0, stdout: hexIn, stderr: '' });
  });

  it('bad SML: exit 2, file, line and column, no stack trace', async () => {
    const r = await cli(['encode', '-'], 'S1F3 W\n  <L [2] <U4 1>>.\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('bondline sml: <stdin>:2:6: L declares [2] but holds 1\n');
  });

  it('bad hex: exit 2 naming line and column; bad body: naming the byte offset', async () => {
    const a = await cli(['decode', '-'], 'b1 04 00 00 00 01\nb1 0x\n');
    expect(a.code).toBe(2);
    expect(a.stderr).toBe("bondline sml: <stdin>: line 2, column 5: 'x' is not a hex digit\n");
    const b = await cli(['decode', '-'], '01 02 a5 01 01 b1 08 00 00 00 01\n');
    expect(b.code).toBe(2);
    expect(b.stderr).toBe(
      'bondline sml: <stdin>: line 1: byte 5: U4 item declares 8 bytes but only 4 follow\n',
    );
    const c = await cli(['decode', '-'], 'b1 04 00 00 00 0\n');
    expect(c.stderr).toBe(
      'bondline sml: <stdin>: line 1, column 16: odd number of hex digits (half a byte)\n',
    );
    const d = await cli(['decode', '-'], 'b1 04\u00A000 00 00 01\n');
    expect(d.stderr).toBe(
      "bondline sml: <stdin>: line 1, column 6: '<U+00A0 no-break space>' is not a hex digit\n",
    );
    expect(hasStackTrace(a.stderr + b.stderr + c.stderr)).toBe(false);
  });

  it('bad frames: a cut frame and a damaged body name the byte offset in the line', async () => {
    const r = await cli(['decode', '--frame', '-'], '0000000c 0000 0101 0000 00000001 a5\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'bondline sml: <stdin>: line 1: byte 0: frame cut short (15 bytes of an incomplete frame)\n',
    );
    const s = await cli(['decode', '--frame', '-'], '0000000d 0000 0101 0000 00000001 a5 02 07\n');
    expect(s.stderr).toBe(
      'bondline sml: <stdin>: line 1: byte 14 (body byte 0): U1 item declares 2 bytes but only 1 follow\n',
    );
    expect(hasStackTrace(r.stderr + s.stderr)).toBe(false);
  });

  it('usage errors exit 2', async () => {
    const r = await cli(['frobnicate', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected 'encode' or 'decode', got 'frobnicate'/);
    const m = await cli(['encode', join(dir, 'missing.sml')]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/file not found: .*missing\.sml/);
    expect(hasStackTrace(r.stderr + m.stderr)).toBe(false);
  });
});
