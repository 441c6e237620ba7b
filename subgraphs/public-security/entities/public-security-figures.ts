import { type FigureValues, figuresType } from '../../../lib/stats/figures';
import { PUBLIC_SECURITY_FIGURES } from '../figures';

/** Public security's figures of a region as of a day, one field per figure declared in ../figures.ts. */
export const PublicSecurityFigures = figuresType<FigureValues<typeof PUBLIC_SECURITY_FIGURES>>(PUBLIC_SECURITY_FIGURES);
