import { regionFiguresEntity } from '../../../lib/stats/region-figures';

/** Grid's figures of a region, known here by its key and the place grid provides (lib/stats/region-figures.ts). */
export const RegionFigures = regionFiguresEntity();
