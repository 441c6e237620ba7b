import { Field, Int, ObjectType } from 'type-graphql';

/** Welfare figures of a region as of a day, counted where each record is handled (受理地); a withheld small cell is null. */
@ObjectType({
  description: 'Disability, elderly-allowance and special-care figures of a region (残疾人、高龄津贴、优抚统计)',
})
export class WelfareFigures {
  @Field(() => Int, {
    nullable: true,
    description: 'Disability certificate holders, certificates issued by the day (持证残疾人)',
  })
  disabilityCertificates!: number | null;

  @Field(() => Int, { nullable: true, description: 'Of them, grade 1 (一级, the most severe)' })
  disabilityGrade1!: number | null;

  @Field(() => Int, { nullable: true, description: 'Of them, grade 2 (二级)' })
  disabilityGrade2!: number | null;

  @Field(() => Int, { nullable: true, description: 'Of them, grade 3 (三级)' })
  disabilityGrade3!: number | null;

  @Field(() => Int, { nullable: true, description: 'Of them, grade 4 (四级)' })
  disabilityGrade4!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Elderly allowance (高龄津贴) recipients: allowances in payment on the day',
  })
  elderlyAllowance!: number | null;

  @Field(() => Int, { nullable: true, description: 'Special care (优抚) recipients since the day or before' })
  specialCare!: number | null;

  @Field(() => [String], {
    description: 'Figures withheld (小数抑制): for an analytics identity, a sum of money whose count is shown under k',
  })
  suppressed!: string[];
}
