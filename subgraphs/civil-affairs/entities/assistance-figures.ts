import { Field, ObjectType } from 'type-graphql';
import { type FigureValues, figuresType } from '../../../lib/stats/figures';
import { ListSize } from '../../../lib/graphql/list-size';
import { ASSISTANCE_FIGURES } from '../figures';
import type { AssistanceProgram } from './enums';
import { WelfareFigures } from './welfare-figures';

/** One program's cases in a region, one field per figure declared in ../figures.ts. */
export const ProgramFigures = figuresType<ProgramFigures>(ASSISTANCE_FIGURES);
export type ProgramFigures = FigureValues<typeof ASSISTANCE_FIGURES> & { program: AssistanceProgram };

@ObjectType({
  description: 'Civil-affairs figures of a region (民政统计), counted where each case is handled (受理地)',
})
export class CivilAffairsFigures {
  @ListSize(4)
  @Field(() => [ProgramFigures], { description: 'One entry per assistance program' })
  assistance!: ProgramFigures[];

  @Field(() => WelfareFigures, { description: 'Disability certificates, elderly allowance, special care' })
  welfare!: WelfareFigures;
}
