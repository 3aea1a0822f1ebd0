// `bondline host` argument and input errors (the host against a running simulator is in equipment.test.ts).
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runBondline } from './e2e.js';

const cli = ([command, ...args]: string[], input?: string) => runBondline(command!, args, input);

describe('bondline host errors', () => {
  it('bad address and bad SML are refused before connecting', async () => {
    const a = await cli(['host', '--connect', 'nowhere']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--connect: 'nowhere' is not <addr:port>/);
    const b = await cli(['host', '--connect', '127.0.0.1:9'], 'S1F1 W <U4 1');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/stdin: .*line 1/);
    expect(hasStackTrace(a.stderr + b.stderr)).toBe(false);
  });
});
