import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { LocalDate } from '../../../lib/graphql/scalars';
import { RiskLevel } from './enums';
import { Collect } from '../../../lib/auth/collect';
import { rentalSubjects } from '../audit-subjects';

/**
 * A let room (出租房屋): a room of one of population's buildings, its landlord (a resident) and the public-security
 * facts about it. `landlord`, `tenants`, `inspections`, `building` and the due dates are field resolvers.
 */
@ObjectType({ description: 'A rental (出租房屋): a let room, its landlord, tenants and safety inspections' })
@PersonalData<RentalHousing>({ location: placeOfRecord, subjects: rentalSubjects })
@Collect({
  collect: 'PROPOSE',
  note: 'a let room found on a visit (collectRental): queued in the police’s worklist, registered when an officer verifies it',
})
@Entity({ tableName: 'rental_housing' })
@Unique({ properties: ['buildingId', 'room'] })
export class RentalHousing {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** population's building key, and the community it stands in */
  @Property({ type: 'uuid' })
  buildingId!: string;

  @Index()
  @Property({ type: 'string', columnType: 'char(12)' })
  communityCode!: string;

  @Field({ description: 'Room, as on the housing register, e.g. "2单元301"' })
  @Property({ type: 'text' })
  room!: string;

  /** population's resident key of the landlord (房东) */
  @Index()
  @Property({ type: 'uuid' })
  landlordId!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Registered with the police (出租备案) on; null if not registered',
  })
  @Property({ type: 'date', nullable: true })
  registeredOn?: string | null;

  @Collect({ collect: 'NONE', note: 'the police assess it when they verify a rental found on a visit' })
  @Field(() => RiskLevel, { description: 'Assessed risk level (风险等级): sets how often it is inspected' })
  @Enum({ items: () => RiskLevel })
  riskLevel!: RiskLevel;
}
