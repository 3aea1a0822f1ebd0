// What the R2R service needs of the collector (src/collector/collector.ts implements it): a tool's
// constants by name over its GEM link, beside the data path.
import type { Collector } from '../../collector/collector.js';

export type R2rToolPort = Pick<Collector, 'constantLimits' | 'readNumericConstants' | 'setConstants'>;
