import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CliError } from './cli-error.js';
import {
  checkOutputs,
  csvDescription,
  jsonLinesDescription,
  pngDescription,
  writeOutputs,
} from './output-files.js';
import { Canvas } from './render/canvas.js';
import { encodePng } from './render/png.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bondline-out-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const refusal = async (p: Promise<unknown>): Promise<CliError> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof CliError)) throw new Error(`expected a CliError, got ${String(err)}`);
  return err;
};

describe('checkOutputs', () => {
  it('passes new files in existing folders and options not given', async () => {
    await checkOutputs({ '--csv': join(dir, 'a.csv'), '--map': undefined }, { config: join(dir, 'c.yaml') });
  });

  it('lists every problem, each naming its option: missing folder, folder as the file', async () => {
    mkdirSync(join(dir, 'sub'));
    const err = await refusal(
      checkOutputs({ '--csv': join(dir, 'nope', 'a.csv'), '--map': join(dir, 'sub') }),
    );
    expect(err.exitCode).toBe(2);
    const lines = err.message.split('\n');
    expect(lines[0]).toMatch(/^--csv .*nope.*a\.csv: the folder .*nope does not exist$/);
    expect(lines[1]).toMatch(/^--map .*sub: is a folder, not a file$/);
  });

  it('refuses two options naming one file, however spelled, and an output that is an input', async () => {
    symlinkSync(dir, join(dir, 'link'));
    const same = await refusal(
      checkOutputs({ '--plot': join(dir, 'x.png'), '--audit': join(dir, 'link', '.', 'x.png') }),
    );
    expect(same.message).toMatch(/^--audit .*x\.png: is the same file as --plot$/);
    writeFileSync(join(dir, 'sites.csv'), 'x');
    const input = await refusal(
      checkOutputs({ '--plot': join(dir, 'link', 'sites.csv') }, { 'site file': join(dir, 'sites.csv') }),
    );
    expect(input.message).toMatch(/^--plot .*sites\.csv: is the same file as the input site file$/);
  });
});

describe('writeOutputs', () => {
  it('writes every file and names each on stderr, one line per file', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const png = encodePng(new Canvas(3, 2));
    await writeOutputs([
      { option: '--map', path: join(dir, 'm.png'), data: png, description: pngDescription(png) },
      { option: '--csv', path: join(dir, 'a.csv'), data: 'h\n1\n2\n', description: 'CSV' },
    ]);
    expect(err.mock.calls.map((c) => c[0])).toEqual([
      `wrote ${join(dir, 'm.png')} (3x2 PNG)\n`,
      `wrote ${join(dir, 'a.csv')} (CSV)\n`,
    ]);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('h\n1\n2\n');
  });

  it('a failure leaves no file and no temp file, and names the option and the reason', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const failure = await refusal(
      writeOutputs([
        { option: '--csv', path: join(dir, 'a.csv'), data: 'h\n', description: 'CSV' },
        { option: '--map', path: join(dir, 'gone', 'm.png'), data: 'x', description: 'PNG' },
      ]),
    );
    expect(failure.message).toBe(`--map ${join(dir, 'gone', 'm.png')}: cannot be written (ENOENT)`);
    expect(readdirSync(dir)).toEqual([]);
    expect(err).not.toHaveBeenCalled();
  });
});

describe('descriptions', () => {
  it('PNG size, CSV rows and JSON lines records', () => {
    const png = encodePng(new Canvas(1200, 900));
    expect(pngDescription(png)).toBe('1200x900 PNG');
    expect(csvDescription('a,b\n1,2\n3,4\n')).toBe('2 rows + header, CSV');
    expect(csvDescription('a,b\n1,2\n')).toBe('1 row + header, CSV');
    expect(jsonLinesDescription('{}\n{}\n{}\n')).toBe('3 records, JSON lines');
    expect(jsonLinesDescription('')).toBe('0 records, JSON lines');
  });
});
