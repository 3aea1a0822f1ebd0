import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { readInputBytes, readInputText } from './io.js';

describe('command file input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bondline-io-'));

  it('reads a file as text and as bytes', async () => {
    const f = join(dir, 'a.txt');
    writeFileSync(f, 'µm\n');
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
});
