import { Field, Int, ObjectType } from 'type-graphql';

/**
 * Public security's figures of a region as of a day, counted where each record was recorded (居住地, the rental's
 * building, the incident's place). Key-person data is in no figure. A figure withheld as a small cell is null.
 */
@ObjectType({ description: 'Public-security figures of a region (公安统计): floating population, rentals, incidents' })
export class PublicSecurityFigures {
  @Field(() => Int, {
    nullable: true,
    description: 'Residents holding a residence permit valid on the day (持居住证流动人口)',
  })
  permitHolders!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Current permits (the latest issue of each holder) expiring within 30 days of the day (居住证30天内到期)',
  })
  permitsExpiring!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Rental housing registered with the police (出租备案) by the day; a rental with no registration date is never counted here',
  })
  rentals!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Rentals needing attention (需关注出租房): not registered (未备案), a current tenant not registered, or the safety inspection overdue on the day',
  })
  rentalsNeedingAttention!: number | null;

  @Field(() => Int, { nullable: true, description: 'Incidents in the month of the day, up to its end (本月警情)' })
  incidents!: number | null;

  @Field(() => [String], {
    description: 'Figures withheld (小数抑制): for an analytics identity, a sum of money whose count is shown under k',
  })
  suppressed!: string[];
}
