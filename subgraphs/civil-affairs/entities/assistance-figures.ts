import { Field, Int, ObjectType } from 'type-graphql';
import { Decimal } from '../../../lib/graphql/scalars';
import { ListSize } from '../../../lib/graphql/list-size';
import { AssistanceProgram } from './enums';
import { WelfareFigures } from './welfare-figures';

/** One program's cases in a region; a figure an ANALYTICS identity may not see is null and named in `suppressed`. */
@ObjectType({ description: 'Social assistance figures of one program in a region (社会救助统计)' })
export class ProgramFigures {
  @Field(() => AssistanceProgram)
  program!: AssistanceProgram;

  @Field(() => Int, {
    nullable: true,
    description:
      'Cases paid (救助对象): 低保 and 特困 in payment on the day asked; 临时救助 and 大病救助 granted in the 12 months up to it',
  })
  cases!: number | null;

  @Field(() => Decimal, {
    nullable: true,
    description:
      'Yuan per month paid to those cases (月救助金额), 低保 and 特困; null for the one-off programs, and when withheld',
  })
  monthlyAmountYuan!: string | null;

  @Field(() => Decimal, {
    nullable: true,
    description:
      'Yuan granted to those cases in total over the 12 months up to the day (救助总额), 临时救助 and 大病救助; null for the monthly programs, and when withheld',
  })
  totalAmountYuan!: string | null;

  @Field(() => Decimal, {
    nullable: true,
    description: 'Yuan per month for 低保 and 特困, but a 12-month total for 临时救助 and 大病救助',
    deprecationReason:
      'Mixes two units in one field: use monthlyAmountYuan (低保, 特困) or totalAmountYuan (临时救助, 大病救助). Removed in the next release',
  })
  amount!: string | null;

  @Field(() => Int, { nullable: true, description: 'Applications waiting for a decision now (待审批)' })
  pending!: number | null;

  @Field(() => [String], {
    description: 'Figures withheld (小数抑制): for an analytics identity, a sum of money whose count is shown under k',
  })
  suppressed!: string[];
}

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
