/** What a controller's history belongs to: the same correction is only valid for the same context. */
export interface R2rContext {
  tool: string;
  chamber: string;
  product: string;
  layer: string;
}

/** Stable string key "tool/chamber/product/layer", each part URI-encoded so '/' inside a part stays unambiguous. */
export function contextKey(c: R2rContext): string {
  return [c.tool, c.chamber, c.product, c.layer].map(encodeURIComponent).join('/');
}
