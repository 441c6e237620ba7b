import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { PersonalData, Shared } from '../../../lib/auth/rules';
import { LocalDate } from '../../../lib/graphql/scalars';
import { RegistrationType } from './enums';
import { Collect } from '../../../lib/auth/collect';

/** One row per resident: the resident key (issued by population) is the primary key. */
@ObjectType({ description: 'Household registration of a resident (户籍登记)' })
@PersonalData<HouseholdRegistration>({ id: (r) => r.residentId })
@Collect({
  collect: 'NONE',
  note: 'the hukou register changes only through the police’s registration procedure; a move found on a visit is proposed to population',
})
@Entity({ tableName: 'household_registration' })
@Index({ name: 'household_registration_type_index', properties: ['type', 'residentId'] })
@Check({
  name: 'household_registration_none_has_no_hukou',
  expression: `type <> 'NONE' or (hukou_address is null and hukou_division_code is null)`,
})
export class HouseholdRegistration {
  /** population's resident key; a plain column, not a foreign key */
  @PrimaryKey({ type: 'uuid' })
  residentId!: string;

  @Field(() => RegistrationType)
  @Enum({ items: () => RegistrationType })
  type!: RegistrationType;

  @Shared({
    sharing: 'CONDITIONAL',
    grantedTo: ['POPULATION:*', 'GRID:GRID_LEADER'],
    note: 'home address elsewhere: for registration work',
  })
  @Field(() => String, {
    nullable: true,
    description: 'Address the hukou is registered at (户籍地址); null without a hukou',
  })
  @Property({ type: 'text', nullable: true })
  hukouAddress?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'GB/T 2260 county code of the hukou place (户籍地区划代码), e.g. "110105"',
  })
  @Property({ type: 'string', columnType: 'char(6)', nullable: true })
  hukouDivisionCode?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Date the hukou was registered there (登记日期)' })
  @Property({ type: 'date', nullable: true })
  registeredOn?: string | null;
}
