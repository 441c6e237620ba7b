import { Entity, Enum, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { PersonalData, Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { Decimal, LocalDate } from '../../../lib/graphql/scalars';
import { AMOUNTS } from '../access';
import { ResidentRecord } from './resident-record';
import { SpecialCareCategory } from './welfare-enums';
import { DecidedByCivilAffairs } from '../collection';

@ObjectType({
  description: 'Special care (优抚) of a veteran, a disabled soldier or a martyr’s or serviceman’s family',
})
@DecidedByCivilAffairs('special care status and its payment (优抚对象认定)')
@PersonalData<SpecialCare>({ location: placeOfRecord })
@Entity({ tableName: 'special_care' })
@Unique({ properties: ['residentId', 'category'] })
export class SpecialCare extends ResidentRecord {
  @Field(() => SpecialCareCategory, { description: 'Category (优抚对象类别)' })
  @Enum({ items: () => SpecialCareCategory })
  category!: SpecialCareCategory;

  @Shared(AMOUNTS)
  @Field(() => Decimal, {
    nullable: true,
    description: 'Monthly subsidy in yuan (定期抚恤补助); null when none is paid',
  })
  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true })
  monthlyAmount?: string | null;

  @Field(() => LocalDate, { description: 'Recognised on (认定日期)' })
  @Property({ type: 'date' })
  since!: string;
}
