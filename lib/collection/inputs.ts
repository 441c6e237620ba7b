import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ServiceKind } from '../codes/service-kinds';
import { LocalDate } from '../graphql/scalars';
import { Collect } from '../auth/collect';

/*
 * What a visit may carry for each owning department: the contract between grid, which collects and forwards each part
 * as it was sent, and the owner, which decides it under its own collection rules (lib/auth/collect.ts). Both
 * subgraphs declare these input types from these classes, so the supergraph has each once.
 */

@InputType({ description: 'A fact of a household member as the collector found it (采集的人口信息项)' })
export class CollectedFactInput {
  @Field(() => ID, { description: 'The household member it is about' })
  residentId!: string;

  @Field({
    description:
      'The field, as named on Resident (e.g. "phone", "employmentStatus", "selfCareAbility"); the rules table says which may be collected and how',
  })
  field!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The value as found: an enum value by name, "true"/"false", a date YYYY-MM-DD, or text; null clears it',
  })
  value?: string | null;
}

@Collect({
  collect: 'PROPOSE',
  department: 'population',
  note: 'a registration: the registrar checks the documents and the ID number before the person is on the register',
})
@InputType({ description: 'Someone found living in the household who is not on the register (新迁入人员)' })
export class NewArrivalInput {
  @Field({ description: 'Name (姓名)' })
  name!: string;

  @Field({ description: 'Citizen ID number (公民身份号码), 18 characters' })
  idNumber!: string;

  @Field(() => String, { nullable: true, description: 'Phone (联系电话)' })
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Relation to the head of household, GB/T 4761 code (与户主关系)',
  })
  relationCode?: string | null;

  @Field(() => LocalDate, { description: 'Moved in on (迁入日期), as the household says' })
  movedInOn!: string;
}

export enum DepartureKind {
  MOVED_OUT = 'MOVED_OUT',
  DECEASED = 'DECEASED',
}
registerEnumType(DepartureKind, {
  name: 'DepartureKind',
  description: 'Why a member left the household (减少原因)',
  valuesConfig: { MOVED_OUT: { description: '迁出' }, DECEASED: { description: '死亡' } },
});

@Collect({
  collect: 'PROPOSE',
  department: 'population',
  note: 'takes the person off the active register (and stops payments elsewhere): the registrar confirms it',
})
@InputType({ description: 'A household member who has left: moved out or died (人员减少)' })
export class DepartureInput {
  @Field(() => ID)
  residentId!: string;

  @Field(() => DepartureKind)
  kind!: DepartureKind;

  @Field(() => LocalDate, { description: 'On (日期), as the household says' })
  on!: string;

  @Field(() => String, { nullable: true, description: 'Note (备注), e.g. where they moved' })
  note?: string | null;
}

@InputType({ description: 'What a visit collected for population (人口信息采集)' })
export class PopulationCollectionInput {
  @Field(() => [CollectedFactInput], { nullable: true })
  facts?: CollectedFactInput[] | null;

  @Field(() => [NewArrivalInput], { nullable: true })
  arrivals?: NewArrivalInput[] | null;

  @Field(() => [DepartureInput], { nullable: true })
  departures?: DepartureInput[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'The collector saw the members in person and their facts hold (入户核实): their verification date becomes the visit’s',
  })
  confirmFacts?: boolean | null;
}

@InputType({ description: 'A let room found on a visit (发现出租房屋)' })
export class RentalFoundInput {
  @Field({ description: 'Room, as on the housing register, e.g. "2单元301"' })
  room!: string;

  @Field(() => ID, { description: 'The landlord (房东), a resident on the register' })
  landlordId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the collector saw (现场情况), for the police’s assessment',
  })
  note?: string | null;
}

@InputType({ description: 'A tenant found living in a let room (发现租客)' })
export class TenantFoundInput {
  @Field(() => ID, { description: 'The tenant, a resident on the register (a new arrival is registered first)' })
  residentId!: string;

  @Field(() => LocalDate, { description: 'Moved in on (入住日期), as the tenant says' })
  movedInOn!: string;
}

@InputType({ description: 'What a visit collected for public security (出租房屋和租客信息采集)' })
export class PublicSecurityCollectionInput {
  @Field(() => RentalFoundInput, {
    nullable: true,
    description: 'A let room the police have not registered; omit it when the tenants are for a registered rental',
  })
  rental?: RentalFoundInput | null;

  @Field(() => ID, { nullable: true, description: 'A registered rental the tenants moved into' })
  rentalId?: string | null;

  @Field(() => [TenantFoundInput], { nullable: true })
  tenants?: TenantFoundInput[] | null;
}

export enum ConsentMethod {
  SIGNED_FORM = 'SIGNED_FORM',
  VERBAL_WITNESSED = 'VERBAL_WITNESSED',
  GUARDIAN = 'GUARDIAN',
}
registerEnumType(ConsentMethod, {
  name: 'ConsentMethod',
  description: 'How the resident agreed to an application made on their behalf (代办授权方式)',
  valuesConfig: {
    SIGNED_FORM: { description: '本人签字的委托书' },
    VERBAL_WITNESSED: { description: '本人口头同意，有见证人' },
    GUARDIAN: { description: '监护人代为同意' },
  },
});

@InputType({ description: 'The resident’s consent to an application made on their behalf (代办授权)' })
export class ConsentInput {
  @Field(() => ConsentMethod)
  method!: ConsentMethod;

  @Field(() => String, {
    nullable: true,
    description: 'Who witnessed it or signed as guardian (见证人 / 监护人); required unless SIGNED_FORM',
  })
  witness?: string | null;
}

@InputType({ description: 'An application filed on a resident’s behalf (代办申请)' })
export class OnBehalfApplicationInput {
  @Field(() => ID, { description: 'The resident it is for' })
  residentId!: string;

  @Field(() => ServiceKind)
  kind!: ServiceKind;

  @Field(() => ConsentInput)
  consent!: ConsentInput;

  @Field(() => String, { nullable: true, description: 'Note (备注), kept in the timeline' })
  note?: string | null;
}

@InputType({ description: 'What a visit collected for civil affairs: applications made on residents’ behalf (代办)' })
export class CivilAffairsCollectionInput {
  @Field(() => [OnBehalfApplicationInput])
  applications!: OnBehalfApplicationInput[];
}
