import { describe, expect, it } from 'vitest';
import { matchRoute, pathOf } from './router.js';

const ROUTES = [
  { name: 'line', pattern: '/' },
  { name: 'tool', pattern: '/tools/:id' },
  { name: 'pair', pattern: '/pairs/:id' },
] as const;

describe('client routes', () => {
  it('matches plain URLs, with or without a trailing slash', () => {
    expect(matchRoute(ROUTES, '/')).toEqual({ name: 'line', params: {} });
    expect(matchRoute(ROUTES, '/tools/DEMO-1')).toEqual({ name: 'tool', params: { id: 'DEMO-1' } });
    expect(matchRoute(ROUTES, '/tools/DEMO-1/')).toEqual({ name: 'tool', params: { id: 'DEMO-1' } });
    expect(matchRoute(ROUTES, '/tools')).toBeUndefined();
    expect(matchRoute(ROUTES, '/tools/a/b')).toBeUndefined();
    expect(matchRoute(ROUTES, '/lots/L1')).toBeUndefined();
  });

  it('round-trips any id through its path (slashes, spaces, percent signs, non-ASCII)', () => {
    for (const id of ['LOT 7/P1', '100%', 'Bonder-é', '?#&']) {
      const path = pathOf('/pairs/:id', { id });
      expect(path.split('/')).toHaveLength(3);
      expect(matchRoute(ROUTES, path)).toEqual({ name: 'pair', params: { id } });
    }
  });

  it('refuses a segment that does not decode rather than throwing', () => {
    expect(matchRoute(ROUTES, '/tools/%E0%A4%A')).toBeUndefined();
  });
});
