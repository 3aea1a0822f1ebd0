import type { KeySpec } from './spec.js';

/** Wafer, die and pad keys (docs/physics.md §1). */
export const geometryKeys: readonly KeySpec[] = [
  { section: 'wafer', key: 'R', unit: 'µm', min: 1000, max: 250000, yap: 'WAF_R', doc: 'wafer radius' },
  { section: 'wafer', key: 'e', unit: 'µm', min: 0, max: 50000, doc: 'edge exclusion; usable radius R - e' },
  { section: 'die', key: 'W', unit: 'µm', min: 1, max: 300000, yap: 'DIE_W', doc: 'die width' },
  { section: 'die', key: 'L', unit: 'µm', min: 1, max: 300000, yap: 'DIE_L', doc: 'die length' },
  {
    section: 'die',
    key: 's',
    unit: 'µm',
    min: 0,
    max: 100000,
    yap: 'dice_width',
    doc: 'street (dicing lane)',
  },
  { section: 'pads', key: 'p', unit: 'µm', min: 0.2, max: 1000, yap: 'PITCH', doc: 'pad pitch' },
  {
    section: 'pads',
    key: 'botRatio',
    unit: '1',
    min: 0,
    max: 1,
    minOpen: true,
    yap: 'PAD_BOT_R_ratio',
    doc: 'bottom pad radius over p/2',
  },
  {
    section: 'pads',
    key: 'topRatio',
    unit: '1',
    min: 0,
    max: 1,
    minOpen: true,
    yap: 'PAD_TOP_R_ratio',
    doc: 'top pad radius over bottom pad radius',
  },
];
