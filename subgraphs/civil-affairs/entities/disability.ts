import { Check, Entity, Enum, Property, Unique } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { type FieldRule, PersonalData, Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { LocalDate } from '../../../lib/graphql/scalars';
import { WELFARE } from '../access';
import { ResidentRecord } from './resident-record';
import { DisabilityType } from './welfare-enums';
import { DecidedByCivilAffairs } from '../collection';

/** The certificate number holds the ID number: whole for civil affairs only, masked for everyone else. */
const CERTIFICATE_NUMBER: FieldRule = {
  ...WELFARE,
  mask: 'ID_NUMBER',
  wholeFor: ['CIVIL_AFFAIRS:*'],
  note: 'holds the ID number',
};

@ObjectType({ description: 'A disability certificate (残疾人证), GB/T 26341 category and grade' })
@DecidedByCivilAffairs('a disability assessment (残疾评定) and its certificate')
@PersonalData<Disability>({ location: placeOfRecord })
@Entity({ tableName: 'disability' })
@Unique({ properties: ['residentId'] })
@Check({ name: 'disability_grade_range', expression: '"grade" between 1 and 4' })
export class Disability extends ResidentRecord {
  @Field(() => DisabilityType, { description: 'Category (残疾类别)' })
  @Enum({ items: () => DisabilityType })
  type!: DisabilityType;

  @Field(() => Int, { description: 'Grade (残疾等级), 1 (一级, most severe) to 4 (四级)' })
  @Property({ type: 'smallint' })
  grade!: number;

  @Shared(CERTIFICATE_NUMBER)
  @Field(() => String, {
    nullable: true,
    description: 'Certificate number (残疾人证号): the ID number, the category code and the grade',
  })
  @Property({ type: 'string', columnType: 'varchar(20)', unique: true })
  certificateNumber!: string;

  @Field(() => LocalDate, { description: 'Date issued (发证日期)' })
  @Property({ type: 'date' })
  issuedOn!: string;
}
