import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { WITHHELD_BY_LAW } from '../../../lib/auth/resident';
import { type FieldRule, PersonalData, Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { LocalDate } from '../../../lib/graphql/scalars';
import { KeyPersonCategory, RiskLevel } from './enums';
import { Collect } from '../../../lib/auth/collect';

/** The most sensitive data in the hub: public security's own roles only, whatever the caller's scope (不予共享). */
export const KEY_PERSON_DATA: FieldRule = { sharing: 'NOT_SHARED', note: 'public security only, whatever the scope' };

/**
 * A supervision record of a key person: the most sensitive data in the hub. A resident may have several
 * records over time; at most one is active (partial unique index). `resident` is a field resolver.
 */
@ObjectType({ description: 'A key person under community supervision (重点人员)' })
@Shared(KEY_PERSON_DATA)
// scoped by where the person is supervised; reached through a resident in scope, by that resident's scope
@PersonalData<KeyPerson>({ location: placeOfRecord, withheld: WITHHELD_BY_LAW })
@Collect({
  collect: 'NONE',
  note: 'key-person supervision is the station’s decision, and nobody outside public security sees it',
})
@Entity({ tableName: 'key_person' })
@Index({
  name: 'key_person_one_active_per_resident',
  expression: 'create unique index "key_person_one_active_per_resident" on "key_person" ("resident_id") where "active"',
})
@Check({ name: 'key_person_until_after_since', expression: 'until is null or until >= since' })
export class KeyPerson {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** population's resident key; a plain column, not a foreign key */
  @Index()
  @Property({ type: 'uuid' })
  residentId!: string;

  /** Where the person is supervised (列管地): the building of their household when the record was made, and its community */
  @Property({ type: 'uuid', nullable: true })
  buildingId?: string | null;

  @Index()
  @Property({ type: 'string', columnType: 'char(12)', nullable: true })
  communityCode?: string | null;

  @Field(() => KeyPersonCategory)
  @Enum({ items: () => KeyPersonCategory })
  category!: KeyPersonCategory;

  @Field(() => RiskLevel)
  @Enum({ items: () => RiskLevel })
  riskLevel!: RiskLevel;

  @Field({ description: 'Supervising officer, name and badge number (责任民警), e.g. "王强 (警号 011234)"' })
  @Property({ type: 'text' })
  supervisingOfficer!: string;

  @Field(() => LocalDate, { description: 'Under supervision since (列管日期)' })
  @Property({ type: 'date' })
  since!: string;

  @Field(() => LocalDate, { nullable: true, description: 'End of supervision (撤管日期), planned or past' })
  @Property({ type: 'date', nullable: true })
  until?: string | null;

  @Field({ description: 'Currently under supervision (在管)' })
  @Property({ type: 'boolean' })
  active!: boolean;
}
