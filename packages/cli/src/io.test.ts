import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { readInputBytes, readInputText, writeOutputFile } from './io.js';

describe('command file input/output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bondline-io-'));

  it('reads back what was written, as text and as bytes', async () => {
    const f = join(dir, 'a.txt');
    await writeOutputFile(f, 'µm\n');
    expect(await readInputText(f)).toBe('µm\n');
    // 'µ' is two bytes in UTF-8 (C2 B5), then 'm' (6D) and LF.
    expect([...(await readInputBytes(f))]).toEqual([0xc2, 0xb5, 0x6d, 0x0a]);
  });

  it('a missing file is a CliError (exit 2) naming the file and the argument it came from', async () => {
    const f = join(dir, 'none.csv');
    await expect(readInputText(f, '--config')).rejects.toThrow(
      new CliError(`--config: file not found: ${f}`),
    );
    await expect(readInputText(f)).rejects.toThrow(`file not found: ${f}`);
    await expect(readInputText(f)).rejects.toBeInstanceOf(CliError);
  });

  it('a directory is not readable: the message keeps the system reason', async () => {
    await expect(readInputText(dir, 'image')).rejects.toThrow(
      new RegExp(`^image: cannot read ${dir}: .*EISDIR`),
    );
  });

  it('an unwritable output names what it is and where', async () => {
    const f = join(dir, 'no-such-dir', 'x.png');
    await expect(writeOutputFile(f, new Uint8Array([1]), 'map')).rejects.toThrow(
      new RegExp(`^cannot write map ${f}: .*ENOENT`),
    );
    const err = await writeOutputFile(f, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    expect((err as CliError).message).toMatch(new RegExp(`^cannot write ${f}: `));
  });

  it('overwrites an existing output file', async () => {
    const f = join(dir, 'b.bin');
    writeFileSync(f, 'old contents');
    await writeOutputFile(f, new Uint8Array([7, 8]));
    expect([...readFileSync(f)]).toEqual([7, 8]);
  });
});
