// `bondline host` argument and input errors (the host against a running simulator is in equipment.test.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/bondline.js');

function cli(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const noStack = (s: string): void => expect(s).not.toMatch(/\n\s+at /);

describe('bondline host errors', () => {
  it('bad address and bad SML are refused before connecting', async () => {
    const a = await cli(['host', '--connect', 'nowhere']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--connect: 'nowhere' is not <addr:port>/);
    const b = await cli(['host', '--connect', '127.0.0.1:9'], 'S1F1 W <U4 1');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/stdin: .*line 1/);
    noStack(a.stderr + b.stderr);
  });
});
