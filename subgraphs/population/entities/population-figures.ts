import { type FigureValues, figuresType } from '../../../lib/stats/figures';
import { POPULATION_FIGURES } from '../figures';

/** Counts of active residents and households on population's register, one field per figure declared in ../figures.ts. */
export const PopulationFigures = figuresType<FigureValues<typeof POPULATION_FIGURES>>(POPULATION_FIGURES);
