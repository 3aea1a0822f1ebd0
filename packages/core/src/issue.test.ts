import { describe, expect, it } from 'vitest';
import { formatIssues, issue, keyPath } from './issue.js';
import { fail, failAll, ok } from './result.js';

describe('issue and result helpers', () => {
  it('keyPath joins names with dots and indices in brackets', () => {
    expect(keyPath(['sites', 3, 'dx'])).toBe('sites[3].dx');
    expect(keyPath([0, 'a'])).toBe('[0].a');
    expect(keyPath([])).toBe('');
  });

  it('issue leaves path out when it is undefined', () => {
    expect(issue('x-y', 'm')).toEqual({ code: 'x-y', message: 'm' });
    expect(Object.keys(issue('x-y', 'm', undefined))).toEqual(['code', 'message']);
    expect(issue('x-y', 'm', 'a.b')).toEqual({ code: 'x-y', message: 'm', path: 'a.b' });
  });

  it('ok, fail and failAll build the two result shapes', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail(issue('a', '1'), issue('b', '2')).issues.map((i) => i.code)).toEqual(['a', 'b']);
    expect(() => failAll([])).toThrow(RangeError);
  });

  it('formatIssues prints one message per line', () => {
    expect(formatIssues([issue('a', 'one'), issue('b', 'two')], '  ')).toBe('  one\n  two');
  });
});
