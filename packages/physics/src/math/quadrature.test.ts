import { describe, expect, it } from 'vitest';
import { gaussHermite } from './gauss-hermite.js';
import { gaussLegendre, integrateGL } from './gauss-legendre.js';
import { brentRoot } from './root-brent.js';

describe('Gauss–Legendre', () => {
  it('integrates x^(2n-1)+x^(2n-2) exactly and exp to machine precision', () => {
    const n = 6;
    const { nodes, weights } = gaussLegendre(n);
    let s = 0;
    for (let i = 0; i < n; i++) s += (weights[i] as number) * (nodes[i] as number) ** 10;
    expect(s).toBeCloseTo(2 / 11, 14);
    expect(integrateGL(Math.exp, 0, 1, 16, 2)).toBeCloseTo(Math.E - 1, 14);
  });
});

describe('Gauss–Hermite (normal weight)', () => {
  it('gives the normal moments and E[cos X] = exp(-1/2)', () => {
    const { nodes, weights } = gaussHermite(20);
    const E = (f: (x: number) => number): number => {
      let s = 0;
      for (let i = 0; i < nodes.length; i++) s += (weights[i] as number) * f(nodes[i] as number);
      return s;
    };
    expect(E(() => 1)).toBeCloseTo(1, 13);
    expect(E((x) => x * x)).toBeCloseTo(1, 12);
    expect(E((x) => x ** 4)).toBeCloseTo(3, 11);
    expect(E(Math.cos)).toBeCloseTo(Math.exp(-0.5), 13);
  });
});

describe('Brent root', () => {
  it('solves cos x = x (Dottie number 0.7390851332151607)', () => {
    expect(brentRoot((x) => Math.cos(x) - x, 0, 1)).toBeCloseTo(0.7390851332151607, 13);
  });
  it('refuses an unbracketed interval', () => {
    expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow(RangeError);
  });
});
