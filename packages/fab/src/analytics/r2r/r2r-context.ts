// An R2R context of the fab (docs/fab.md §10): a tool, a recipe and a product. A correction learnt
// on one context is only valid for the same context.

export interface FabR2rContext {
  readonly toolId: string;
  readonly recipe: string;
  readonly product: string;
}

/**
 * Key "tool+recipe+product", each part URI-encoded (so a '+' inside a part is %2B): one URL path
 * segment, as the API takes it.
 */
export function r2rContextKey(c: FabR2rContext): string {
  return [c.toolId, c.recipe, c.product].map(encodeURIComponent).join('+');
}
