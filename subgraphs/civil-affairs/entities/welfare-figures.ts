import { type FigureValues, figuresType } from '../../../lib/stats/figures';
import { WELFARE_FIGURES } from '../figures';

/** Welfare figures of a region as of a day, one field per figure declared in ../figures.ts. */
export const WelfareFigures = figuresType<FigureValues<typeof WELFARE_FIGURES>>(WELFARE_FIGURES);
export type WelfareFigures = FigureValues<typeof WELFARE_FIGURES>;
