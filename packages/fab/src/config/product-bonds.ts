// Where the per-pair analysis gets a product's physics model (docs/fab.md §7.5): the fab
// does not learn it from the tool over GEM, so the fab configuration names it: `products: { <name>:
// { bond: <file> } }` and a tool's `product:`. A tool without one takes the product `default`, else
// the simulated tool's shipped model (examples/tool/bond.yaml, the `bond` of examples/tool/tool.yaml),
// which is also what a tool not in the configuration (a demo bonder, another collector's tool) gets.
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Issue, issue, type Result } from '@bondline/core';
import { type BondParams, loadBondConfig } from '@bondline/physics';
import type { FabConfig } from './fab-config.js';

const SHIPPED = join('examples', 'tool', 'bond.yaml');
/** The name the shipped model goes by when the configuration has no `default` product. */
export const SHIPPED_PRODUCT = 'shipped-default';

export interface ProductBonds {
  /** The physics model of the tool's product (the default product for a tool not configured). */
  bondFor(toolId: string): BondParams;
  /** The product a tool's pairs are analysed as. */
  productOf(toolId: string): string;
  /** Each product loaded, with the file it came from. */
  readonly products: ReadonlyMap<string, { readonly file: string; readonly bond: BondParams }>;
}

export interface ProductBondOptions {
  /** Relative `bond` paths are relative to this folder (the configuration file's); default the working folder. */
  readonly configDir?: string;
  /** Where to start looking upward for examples/tool/bond.yaml; default this module's folder. */
  readonly shippedFrom?: string;
}

/** Load every product's bond configuration the configuration names, and the default one. */
export async function loadProductBonds(
  config: Pick<FabConfig, 'tools' | 'products'>,
  options: ProductBondOptions = {},
): Promise<Result<ProductBonds>> {
  const dir = options.configDir ?? process.cwd();
  const issues: Issue[] = [];
  const products = new Map<string, { file: string; bond: BondParams }>();
  for (const [name, p] of Object.entries(config.products ?? {})) {
    const file = isAbsolute(p.bond) ? p.bond : resolve(dir, p.bond);
    const loaded = await loadBondConfig(file);
    if (loaded.ok) products.set(name, { file, bond: loaded.value.params });
    else
      for (const i of loaded.issues)
        issues.push(issue(i.code, `products.${name}.bond: ${i.message}`, `products.${name}.bond`));
  }
  let fallback = 'default';
  if (config.products?.default === undefined) {
    fallback = SHIPPED_PRODUCT;
    const file = await findShipped(options.shippedFrom ?? dirname(fileURLToPath(import.meta.url)));
    if (file === undefined) {
      issues.push(
        issue(
          'no-default-product',
          `no product named default in the configuration and no ${SHIPPED} above ${options.shippedFrom ?? 'the fab package'}: add products: { default: { bond: <file> } }`,
          'products',
        ),
      );
    } else {
      const loaded = await loadBondConfig(file);
      if (loaded.ok) products.set(SHIPPED_PRODUCT, { file, bond: loaded.value.params });
      else for (const i of loaded.issues) issues.push(issue(i.code, `${file}: ${i.message}`, 'products'));
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const byTool = new Map(config.tools.map((t) => [t.id, t.product ?? fallback]));
  const productOf = (toolId: string): string => byTool.get(toolId) ?? fallback;
  return {
    ok: true,
    value: {
      products,
      productOf,
      bondFor(toolId) {
        const found = products.get(productOf(toolId));
        // Every product a tool names was loaded above (the schema refuses an unknown one).
        if (found === undefined)
          throw new Error(`product ${productOf(toolId)} of tool ${toolId} was not loaded`);
        return found.bond;
      },
    },
  };
}

async function findShipped(from: string): Promise<string | undefined> {
  let dir = from;
  for (;;) {
    const candidate = join(dir, SHIPPED);
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not here: look further up
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
