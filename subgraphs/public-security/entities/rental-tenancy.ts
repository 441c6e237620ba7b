import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../lib/graphql/scalars';
import { Collect } from '../../../lib/auth/collect';

/** A resident's tenancy of a rental (租住): one open tenancy per resident and rental (partial unique index). */
@ObjectType({ description: 'A tenant of a rental (租客): who, moved in, moved out, registered' })
@Collect({
  collect: 'PROPOSE',
  note: 'a tenant found on a visit (collectRental): queued with the rental, registered when an officer verifies it',
})
@Entity({ tableName: 'rental_tenancy' })
@Index({
  name: 'rental_tenancy_one_open',
  expression:
    'create unique index "rental_tenancy_one_open" on "rental_tenancy" ("rental_id", "resident_id") where "moved_out_on" is null',
})
@Check({ name: 'rental_tenancy_out_after_in', expression: 'moved_out_on is null or moved_out_on >= moved_in_on' })
export class RentalTenancy {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Index()
  @Property({ type: 'uuid' })
  rentalId!: string;

  /** population's resident key */
  @Index()
  @Property({ type: 'uuid' })
  residentId!: string;

  @Field(() => LocalDate, { description: 'Moved in on (入住日期)' })
  @Property({ type: 'date' })
  movedInOn!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Moved out on (退租日期); null while living there' })
  @Property({ type: 'date', nullable: true })
  movedOutOn?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Registered with the police as a tenant (租客登记) on; null if not registered',
  })
  @Property({ type: 'date', nullable: true })
  registeredOn?: string | null;
}
