/** Nodes and weights of a quadrature rule. */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

/**
 * n-point Gauss–Legendre rule on [-1, 1] (exact for polynomials of degree
 * <= 2n-1). Nodes by Newton iteration on P_n from the Tricomi initial guess;
 * rules are cached.
 */
export function gaussLegendre(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`gaussLegendre: n must be a positive integer, got ${n}`);
  const hit = cache.get(n);
  if (hit !== undefined) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pm = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pm)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    if (n === 1) {
      nodes[0] = 0;
      weights[0] = 2;
      break;
    }
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/**
 * Integral of f over [a, b] by composite Gauss–Legendre: `panels` equal panels
 * of an `n`-point rule each.
 */
export function integrateGL(f: (x: number) => number, a: number, b: number, n = 16, panels = 1): number {
  const { nodes, weights } = gaussLegendre(n);
  const h = (b - a) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * h;
    let s = 0;
    for (let i = 0; i < n; i++) s += (weights[i] as number) * f(mid + 0.5 * h * (nodes[i] as number));
    sum += 0.5 * h * s;
  }
  return sum;
}
