import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { Decimal, LocalDate } from '../../../lib/graphql/scalars';
import { ResidentRecord } from './resident-record';

@ObjectType({ description: 'A volunteer team (志愿服务队) of a community' })
@Entity({ tableName: 'volunteer_team' })
// two teams of a community that still serve never share a name
@Index({
  name: 'volunteer_team_serving_name_unique',
  expression: `create unique index "volunteer_team_serving_name_unique" on "volunteer_team" ("community_code", "name") where "disbanded_on" is null`,
})
export class VolunteerTeam {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field({ description: 'Name (队名)' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: '12-digit code of the community the team serves' })
  @Index()
  @Property({ type: 'string', columnType: 'char(12)' })
  communityCode!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Disbanded on (解散日期); null while it serves. Its volunteers keep it as the team they served in',
  })
  @Property({ type: 'date', nullable: true })
  disbandedOn?: string | null;
}

@ObjectType({ description: 'A registered volunteer (志愿者)' })
@PersonalData<Volunteer>({ location: placeOfRecord })
@Entity({ tableName: 'volunteer' })
@Unique({ properties: ['residentId'] })
export class Volunteer extends ResidentRecord {
  @Field(() => [String], { description: 'Skills (服务技能), e.g. 助老, 医疗, 法律咨询' })
  @Property({ type: 'text[]' })
  skills!: string[];

  @Field(() => ID, { nullable: true, description: 'Team (所属服务队)' })
  @Index()
  @Property({ type: 'uuid', nullable: true })
  teamId?: string | null;

  @Field(() => LocalDate, { description: 'Registered on (注册日期)' })
  @Property({ type: 'date' })
  registeredOn!: string;

  /** kept with the volunteer so the total never needs a sum over the whole history */
  @Field(() => Decimal, { description: 'Service hours in total (累计服务时长)' })
  @Property({ type: 'decimal', precision: 8, scale: 1, default: '0' })
  totalHours!: string;
}

@ObjectType({ description: 'Hours a volunteer served (志愿服务记录)' })
@Entity({ tableName: 'volunteer_service' })
@Index({ properties: ['volunteerId', 'servedOn'] })
export class VolunteerService {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  volunteerId!: string;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  servedOn!: string;

  @Field(() => Decimal, { description: 'Hours (时长), in tenths' })
  @Property({ type: 'decimal', precision: 5, scale: 1 })
  hours!: string;

  @Field({ description: 'What was done (服务内容)' })
  @Property({ type: 'text' })
  activity!: string;
}
