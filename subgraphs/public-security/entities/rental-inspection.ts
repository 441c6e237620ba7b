import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../lib/graphql/scalars';
import { InspectionResult } from './enums';

@ObjectType({ description: 'A safety inspection of a rental (安全检查): fire, electricity, gas, escape routes' })
@Entity({ tableName: 'rental_inspection' })
@Index({ properties: ['rentalId', 'inspectedOn'] })
export class RentalInspection {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  rentalId!: string;

  @Field(() => LocalDate, { description: 'Inspected on (检查日期)' })
  @Property({ type: 'date' })
  inspectedOn!: string;

  @Field(() => InspectionResult)
  @Enum({ items: () => InspectionResult })
  result!: InspectionResult;

  @Field(() => String, { nullable: true, description: 'Hazards found (隐患)' })
  @Property({ type: 'text', nullable: true })
  hazards?: string | null;

  @Field({ description: 'Inspecting officer (检查民警)' })
  @Property({ type: 'text' })
  inspector!: string;
}
