// The products of the fab configuration: each tool's physics model for the per-pair analysis, with the
// simulated tool's shipped model as the default, and a bad product refused by key.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBondConfig } from '@bondline/physics';
import { afterEach, describe, expect, it } from 'vitest';
import { okValue } from '../store/contract/result-helpers.test-util.js';
import { parseFabConfigText } from './fab-config.js';
import { loadProductBonds, SHIPPED_PRODUCT } from './product-bonds.js';

const SHIPPED = join(import.meta.dirname, '../../../../examples/tool/bond.yaml');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const config = (extra: string) =>
  parseFabConfigText(
    `
fab: { id: fab-1, name: Fab }
makers: [{ id: m1, name: Maker 1 }]
${extra}`,
    'fab.yaml',
  );

describe('products of the fab configuration', () => {
  it('gives every tool the shipped model when no product is configured', async () => {
    const c = okValue(config('tools: [{ id: T1, name: T, maker: m1, address: h, port: 1, deviceId: 0 }]'));
    const b = okValue(await loadProductBonds(c));
    const shipped = okValue(await loadBondConfig(SHIPPED)).params;
    expect(b.productOf('T1')).toBe(SHIPPED_PRODUCT);
    expect(b.bondFor('T1')).toEqual(shipped);
    expect(b.bondFor('NOT-CONFIGURED')).toEqual(shipped);
    expect(b.products.get(SHIPPED_PRODUCT)?.file).toBe(SHIPPED);
  });

  it('takes a tool’s product and the configured default, paths relative to the configuration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bondline-products-'));
    dirs.push(dir);
    // A 200 mm variant of the shipped model: only the wafer radius changes.
    writeFileSync(join(dir, 'small.yaml'), readFileSync(SHIPPED, 'utf8').replace('R: 150000', 'R: 100000'));
    const c = okValue(
      config(`products:
  default: { bond: ${SHIPPED} }
  small: { bond: small.yaml }
tools:
  - { id: T1, name: T, maker: m1, address: h, port: 1, deviceId: 0, product: small }
  - { id: T2, name: T, maker: m1, address: h, port: 2, deviceId: 1 }`),
    );
    const b = okValue(await loadProductBonds(c, { configDir: dir }));
    expect([b.productOf('T1'), b.productOf('T2'), b.productOf('T9')]).toEqual([
      'small',
      'default',
      'default',
    ]);
    expect(b.bondFor('T1').wafer.R).toBe(100000);
    expect(b.bondFor('T2').wafer.R).toBe(150000);
  });

  it('refuses an unknown product by key, and a bond file that does not load by product', async () => {
    const r = config(
      'tools: [{ id: T1, name: T, maker: m1, address: h, port: 1, deviceId: 0, product: big }]',
    );
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown-product', 'tools[0].product'],
    ]);
    const c = okValue(config('products: { p1: { bond: no-such-file.yaml } }\ntools: []'));
    const bad = await loadProductBonds(c, { configDir: tmpdir() });
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(['products.p1.bond']);
    // No default product and no shipped model above the starting folder.
    const none = await loadProductBonds({ tools: [] }, { shippedFrom: tmpdir() });
    expect(none.ok ? [] : none.issues.map((i) => i.code)).toEqual(['no-default-product']);
  });
});
