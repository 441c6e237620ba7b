import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { LocalDate } from '../../../lib/graphql/scalars';
import { ContactMethod } from './enums';
import { KEY_PERSON_DATA } from './key-person';
import { Collect } from '../../../lib/auth/collect';

/** One entry of a key person's contact log (见面/联系记录): key-person data, public security's own roles only. */
@ObjectType({ description: 'A contact with a key person (重点人员见面记录)' })
@Shared(KEY_PERSON_DATA)
@Collect({
  collect: 'NONE',
  note: 'a contact with a key person is the supervising officer’s own record',
})
@Entity({ tableName: 'key_person_contact' })
@Index({ properties: ['keyPersonId', 'contactedOn'] })
export class KeyPersonContact {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  keyPersonId!: string;

  @Field(() => LocalDate, { description: 'Contacted on (联系日期)' })
  @Property({ type: 'date' })
  contactedOn!: string;

  @Field(() => ContactMethod)
  @Enum({ items: () => ContactMethod })
  method!: ContactMethod;

  @Field({ description: 'Officer who made the contact (联系民警)' })
  @Property({ type: 'text' })
  officer!: string;

  @Field(() => String, { nullable: true, description: 'What was found (情况记录)' })
  @Property({ type: 'text', nullable: true })
  notes?: string | null;
}
