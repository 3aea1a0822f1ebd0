// End to end: `bondline equipment` from examples/equipment.yaml driven by `bondline host` with raw SML
// scripts only (no GEM host API): what a foreign host does. Also argument and model errors.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GemHost, HsmsActiveEndpoint, HsmsSession } from '@bondline/secs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runBondline } from './e2e.test-util.js';

const cli = ([command, ...args]: string[], input?: string) => runBondline(command!, args, input);

const BIN = join(import.meta.dirname, '../../bin/bondline.js');
const EXAMPLE = join(import.meta.dirname, '../../../../examples/equipment.yaml');

describe('bondline equipment + bondline host (foreign host, raw SML)', () => {
  let sim: ChildProcess;
  let port = 0;
  let simOut = '';
  const dir = mkdtempSync(join(tmpdir(), 'bondline-gem-'));

  beforeAll(async () => {
    sim = spawn(process.execPath, [
      BIN,
      'equipment',
      '--port',
      '0',
      '--model',
      EXAMPLE,
      '--state-dir',
      join(dir, 'state'),
    ]);
    sim.stdout!.setEncoding('utf8');
    port = await new Promise<number>((resolve, reject) => {
      sim.stdout!.on('data', (c: string) => {
        simOut += c;
        const m = /listening on port (\d+)/.exec(simOut);
        if (m !== null) resolve(Number(m[1]));
      });
      sim.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
    });
  });

  afterAll(async () => {
    // 'close', not 'exit': by then stdout has been read to its end.
    const exited = new Promise<number | null>((res) => sim.on('close', (c) => res(c)));
    sim.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(simOut).toMatch(/SIGTERM: stopping/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('S1F13, online, status, remote START with its event, recipes, constants and S9F3', async () => {
    const script = [
      'S1F13 W <L>.',
      'S1F17 W.',
      'S1F3 W <L <U4 2> <U4 3> <U4 12>>.',
      'S2F33 W <L <U4 1> <L <L <U4 5> <L <U4 3> <U4 13>>>>>.',
      'S2F35 W <L <U4 2> <L <L <U4 200> <L <U4 5>>>>>.',
      'S2F41 W <L <A "START"> <L <L <A "PPID"> <A "BOND-STD">>>>.',
      'S2F41 W <L <A "START"> <L>>.',
      'S7F19 W.',
      'S7F5 W <A "BOND-LOWFORCE">.',
      'S2F15 W <L <L <U4 1002> <U1 9>>>.',
      'S2F15 W <L <L <U4 1002> <U1 4>>>.',
      'S5F5 W <U4 1>.',
      'S2F43 W <L <L <U1 6> <L <U1 11>>>>.',
      'S6F23 W <U1 0>.',
      'S2F23 W <L <U4 1> <A "000001"> <U4 1> <U4 1> <L <U4 9999>>>.',
      'S2F47 W <L <U4 11>>.',
      'S99F1.',
      // The host stops once every reply is in; this last W message makes the equipment's S9F3 for the
      // S99F1 without W (released before the next reply, E30 order) arrive before that.
      'S1F1 W.',
    ].join('\n');
    const r = await cli(['host', '--connect', `127.0.0.1:${port}`], script);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const after = (sent: string): string => {
      const i = lines.findIndex((l) => l.startsWith(`-> ${sent}`));
      return (
        lines
          .slice(i + 1)
          .find((l) => l.startsWith('<- S') && !l.startsWith('<- S6F11') && !l.startsWith('<- S1F13')) ?? ''
      );
    };
    expect(after('S1F13 W')).toBe('<- S1F14 <L [2] <B 0x00> <L [2] <A "BL-HB300"> <A "0.1.0">>>.');
    expect(after('S1F17 W')).toBe('<- S1F18 <B 0x00>.');
    // ControlState 5 = online remote (E30), ProcessState 0 = IDLE, WafersBonded 0
    expect(after('S1F3 W')).toBe('<- S1F4 <L [3] <U1 5> <U1 0> <U4 0>>.');
    expect(after('S2F33 W')).toBe('<- S2F34 <B 0x00>.');
    expect(after('S2F35 W')).toBe('<- S2F36 <B 0x00>.');
    expect(after('S2F41 W <L [2] <A "START"> <L [1]')).toBe('<- S2F42 <L [2] <B 0x00> <L>>.');
    expect(after('S2F41 W <L [2] <A "START"> <L>')).toBe('<- S2F42 <L [2] <B 0x02> <L>>.'); // already executing
    // the START event: report 5 = ProcessState 1 (EXECUTING), Recipe
    expect(r.stdout).toMatch(
      /<- S6F11 W <L \[3\] <U4 \d+> <U4 200> <L \[1\] <L \[2\] <U4 5> <L \[2\] <U1 1> <A "BOND-STD">>>>>\./,
    );
    expect(r.stdout).toContain('-> S6F12 <B 0x00>.');
    expect(after('S7F19 W')).toBe('<- S7F20 <L [2] <A "BOND-LOWFORCE"> <A "BOND-STD">>.');
    expect(after('S7F5 W')).toMatch(/^<- S7F6 <L \[2\] <A "BOND-LOWFORCE"> <B 0x42 0x4f 0x4e 0x44/i);
    expect(after('S2F15 W <L [1] <L [2] <U4 1002> <U1 9>')).toBe('<- S2F16 <B 0x03>.'); // above max 5
    expect(after('S2F15 W <L [1] <L [2] <U4 1002> <U1 4>')).toBe('<- S2F16 <B 0x00>.');
    expect(after('S5F5 W')).toBe('<- S5F6 <L [1] <L [3] <B 0x02> <U4 1> <A "Chamber vacuum lost">>>.');
    expect(after('S2F43 W')).toBe('<- S2F44 <L [2] <B 0x00> <L>>.');
    expect(after('S6F23 W')).toBe('<- S6F24 <B 0x02>.'); // nothing spooled
    expect(after('S2F23 W')).toBe('<- S2F24 <B 0x04>.'); // unknown SVID
    expect(after('S2F47 W')).toBe(
      '<- S2F48 <L [1] <L [2] <U4 11> <L [4] <A "degC"> <F8 -50> <F8 400> <L>>>>.',
    );
    expect(after('S99F1')).toMatch(/^<- S9F3 <B 0x00 0x00 0x63 0x01 /i); // MHEAD: device 0, S99F1
  });

  it('failure acknowledges over raw SML; an S9 reply to a W message ends the wait (no T3)', async () => {
    const script = [
      'S1F13 W <L>.',
      'S1F17 W.',
      'S2F15 W <L <L <U4 1000> <F8 60000>>>.', // BondForceSetpoint max 50000
      'S2F15 W <L <L <U4 77> <F8 3>>>.', // no such ECID
      'S2F33 W <L <U4 1> <L <L <U4 21> <L <U4 3>>>>>.',
      'S2F33 W <L <U4 1> <L <L <U4 21> <L <U4 3>>>>>.', // report 21 already defined
      'S2F33 W <L <U4 1> <L <L <U4 22> <L <U4 9999>>>>>.', // unknown VID
      'S2F35 W <L <U4 2> <L <L <U4 9999> <L <U4 21>>>>>.', // unknown CEID
      'S2F41 W <L <A "FOO"> <L>>.',
      'S2F41 W <L <A "START"> <L <L <A "BAD"> <A "x">>>>.',
      'S2F41 W <L <A "START"> <L <L <A "PPID"> <U4 3>>>>.',
      'S7F1 W <L <A "../x"> <U4 10>>.',
      'S5F3 W <L <B 0x80> <U4 99>>.',
      'S2F45 W <L <U4 1> <L <L <U4 10> <L <L <B 1> <L <F8 50> <F8 40>>>>>>>.', // LIMITID as E5's B [1]
      'S99F1 W.',
      'S1F1 W.',
      // trace: 2 samples of ChamberPressure every 0.1 s in one group (E5 DSPER hhmmsscc); last, so that
      // its S6F1 arrives after every reply checked above, within the host's --wait (10 s: ample for a
      // report due 0.2 s after the S2F24, however loaded the machine)
      'S2F23 W <L <U4 7> <A "00000010"> <U4 2> <U4 2> <L <U4 10>>>.',
    ].join('\n');
    // T3 at its longest (120 s, the per-test timeout): a host that sat it out after the S9F3 would fail
    // the test by that timeout (vitest.config.ts).
    const r = await cli(['host', '--connect', `127.0.0.1:${port}`, '--wait', '10000', '--t3', '120'], script);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.code).toBe(1); // one message got no reply
    expect(r.stderr).toContain('S99F1: no reply, the equipment answered S9F3');
    const out = r.stdout;
    const reply = (sent: string, expected: string): void =>
      expect(out).toMatch(new RegExp(`-> ${sent}\\.\\n(?:(?!-> ).*\\n)*?${expected}\\.\\n`));
    reply('S2F15 W <L \\[1\\] <L \\[2\\] <U4 1000> <F8 60000>>>', '<- S2F16 <B 0x03>'); // EAC 3
    reply('S2F15 W <L \\[1\\] <L \\[2\\] <U4 77> <F8 3>>>', '<- S2F16 <B 0x01>'); // EAC 1
    reply('S2F33 W <L \\[2\\] <U4 1> <L \\[1\\] <L \\[2\\] <U4 22>.*', '<- S2F34 <B 0x04>'); // DRACK 4
    reply('S2F35 W .*<U4 9999>.*', '<- S2F36 <B 0x04>'); // LRACK 4
    reply('S2F41 W <L \\[2\\] <A "FOO"> <L>>', '<- S2F42 <L \\[2\\] <B 0x01> <L>>'); // HCACK 1
    reply(
      'S2F41 W .*<A "BAD">.*',
      '<- S2F42 <L \\[2\\] <B 0x03> <L \\[1\\] <L \\[2\\] <A "BAD"> <B 0x01>>>>',
    ); // CPACK 1
    reply('S2F41 W .*<U4 3>>>>', '<- S2F42 <L \\[2\\] <B 0x03> <L \\[1\\] <L \\[2\\] <A "PPID"> <B 0x03>>>>'); // CPACK 3
    reply('S7F1 W .*"\\.\\./x".*', '<- S7F2 <B 0x03>'); // PPGNT 3
    reply('S5F3 W .*<U4 99>>', '<- S5F4 <B 0x01>'); // ACKC5 1
    reply('S2F45 W .*<B 0x01>.*', '<- S2F46 <L \\[2\\] <B 0x00> <L>>'); // VLAACK 0
    // the same S2F33 twice: DRACK 0 then 3 (report already defined)
    expect(out.match(/<- S2F34 <B 0x0[03]>/g)).toEqual(['<- S2F34 <B 0x00>', '<- S2F34 <B 0x03>']);
    expect(out).toMatch(/-> S99F1 W\.\n<- S9F3 <B 0x00 0x00 0xe3 0x01 /i); // MHEAD: device 0, W + S99F1
    reply('S1F1 W', '<- S1F2 <L \\[2\\] <A "BL-HB300"> <A "0.1.0">>');
    reply('S2F23 W .*<U4 7>.*', '<- S2F24 <B 0x00>');
    // the trace report is acknowledged with ACKC6 0, not aborted with S6F0
    expect(out).toMatch(
      /<- S6F1 W <L \[4\] <U4 7> <U4 2> <A "\d{16}"> <L \[2\] <F8 [^>]+> <F8 [^>]+>>>\.\n-> S6F2 <B 0x00>\./,
    );
  });

  it('a host with the wrong --device-id stops at once and names the right one', async () => {
    const r = await cli(
      ['host', '--connect', `127.0.0.1:${port}`, '--device-id', '7'],
      'S1F1 W.\nS1F3 W <L>.\n',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/for device 0, this host is --device-id 7; rerun with --device-id 0/);
    expect(r.stdout).not.toContain('-> S1F3');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe('bondline equipment / host errors', () => {
  it('requires --port and --model', async () => {
    const r = await cli(['equipment', '--model', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--port is required/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
  it('names the bad field of an invalid model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bondline-gem-bad-'));
    const f = join(dir, 'bad.yaml');
    writeFileSync(
      f,
      'mdln: X\nsoftrev: "1"\nprocessing: { states: [IDLE] }\nequipmentConstants:\n  - { id: 1, name: T, type: U1, default: 999 }\n',
    );
    const r = await cli(['equipment', '--port', '0', '--model', f]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${f}:5:33: equipmentConstants[0].default: 999 is not an integer in 0..255 (U1)`,
    );
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

describe('bondline equipment: spool bounds and policy from the model', () => {
  /** The example model with `spool.maxMessages` 3 and the OverWriteSpool EC defaulting to false (stop). */
  function smallStopSpoolModel(dir: string): string {
    const text = readFileSync(EXAMPLE, 'utf8');
    const small = text
      .replace(/^ {2}maxMessages: 100000$/m, '  maxMessages: 3')
      .replace(/(name: OverWriteSpool, .*)default: true/, '$1default: false');
    expect(small).toContain('  maxMessages: 3\n');
    expect(small).toMatch(/name: OverWriteSpool, .*default: false/);
    const f = join(dir, 'small-spool.yaml');
    writeFileSync(f, small);
    return f;
  }

  it('spools 3 events with the link down and refuses 2 (spool full, stop policy)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bondline-gem-spool-'));
    const scenario = join(dir, 'drop.txt');
    writeFileSync(
      scenario,
      [
        'wait processing EXECUTING',
        'drop',
        'repeat 5',
        '  set WafersBonded +1',
        '  event PairBonded',
        'end',
        'status',
      ].join('\n'),
    );
    const args = ['--port', '0', '--model', smallStopSpoolModel(dir), '--state-dir', join(dir, 'state')];
    const sim = spawn(process.execPath, [
      BIN,
      'equipment',
      ...args,
      '--scenario',
      scenario,
      '--exit-after-scenario',
    ]);
    let out = '';
    let err = '';
    sim.stdout!.setEncoding('utf8');
    sim.stderr!.setEncoding('utf8');
    sim.stderr!.on('data', (c: string) => {
      err += c;
    });
    // 'close', not 'exit': by then stdout and stderr have been read to their end.
    const exited = new Promise<number | null>((res) => sim.on('close', (code) => res(code)));
    const port = await new Promise<number>((resolve, reject) => {
      sim.stdout!.on('data', (c: string) => {
        out += c;
        const m = /listening on port (\d+)/.exec(out);
        if (m !== null) resolve(Number(m[1]));
      });
      void exited.then((code) => reject(new Error(`simulator exited with ${code}: ${err}`)));
    });
    const session = new HsmsSession({ sessionId: 0, t5Ms: 1000 });
    const active = new HsmsActiveEndpoint(session, { host: '127.0.0.1', port });
    try {
      const host = new GemHost(session);
      active.start();
      await session.whenState('selected');
      expect((await host.establishCommunications()).commack).toBe(0);
      expect(await host.requestOnline()).toBe(0);
      expect(await host.defineReports([{ rptid: 1, vids: [12] }])).toBe(0); // WafersBonded
      expect(await host.linkEvents([{ ceid: 400, rptids: [1] }])).toBe(0);
      expect((await host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
      // Only PairBonded: ProcessingStarted, held behind S2F42, is spooled too when the drop comes first.
      expect(await host.enableEvents(false)).toBe(0);
      expect(await host.enableEvents(true, [400])).toBe(0);
      // The drop is the scenario's: stay away once it happened.
      session.on('state', (s) => {
        if (s.to === 'not-connected') active.stop();
      });
      // The scenario drops the link as soon as processing runs, which may be before S2F42 is written.
      const started = await host.command('START').then(
        (r) => r.hcack,
        (e: Error) => e.message,
      );
      expect([0, 'the HSMS connection closed']).toContain(started);
      expect(await exited).toBe(0);
    } finally {
      active.dispose();
      if (sim.exitCode === null) sim.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
    const outcomes = out.split('\n').filter((l) => l.startsWith('event PairBonded'));
    expect(outcomes.map((l) => l.replace(/ \[.*\]$/, ''))).toEqual([
      'event PairBonded (400): spooled, link down (1 in the spool)',
      'event PairBonded (400): spooled, link down (2 in the spool)',
      'event PairBonded (400): spooled, link down (3 in the spool)',
      'event PairBonded (400): not sent: link down, spool full (3 held, stop policy)',
      'event PairBonded (400): not sent: link down, spool full (3 held, stop policy)',
    ]);
    expect(out).toMatch(/status: .*, spool 3 \(/);
    expect(hasStackTrace(err)).toBe(false);
  });
});
