import { Field, Int, ObjectType } from 'type-graphql';

/** Counts of active residents on population's register; a count an ANALYTICS identity may not see is null and named in `suppressed`. */
@ObjectType({
  description: 'Population figures of a region (人口统计): active residents on the register, ages as of the day asked',
})
export class PopulationFigures {
  @Field(() => Int, { nullable: true, description: 'Residents (实有人口)' })
  residents!: number | null;

  @Field(() => Int, { nullable: true, description: 'Registered residents (户籍人口)' })
  registered!: number | null;

  @Field(() => Int, { nullable: true, description: 'Floating residents (流动人口)' })
  floating!: number | null;

  @Field(() => Int, { nullable: true, description: 'Overseas residents (境外人员)' })
  overseas!: number | null;

  @Field(() => Int, { nullable: true, description: 'Aged under 18 (未成年人)' })
  under18!: number | null;

  @Field(() => Int, { nullable: true, description: 'Aged 18 to 59 (18–59岁)' })
  age18to59!: number | null;

  @Field(() => Int, { nullable: true, description: 'Aged 60 to 79 (60–79岁)' })
  age60to79!: number | null;

  @Field(() => Int, { nullable: true, description: 'Aged 80 and over (80岁及以上)' })
  age80plus!: number | null;

  @Field(() => Int, { nullable: true, description: 'Aged 80 and over living alone (80岁以上独居)' })
  livingAlone80plus!: number | null;

  @Field(() => Int, { nullable: true, description: 'Households (户数)' })
  households!: number | null;

  @Field(() => [String], {
    description: 'Figures withheld (小数抑制): none here (counts are shown through the disclosure control)',
  })
  suppressed!: string[];
}
