import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../lib/graphql/scalars';

/**
 * Which officer polices a grid (网格民警), from when until when: public security assigns them, so public security owns
 * the fact and contributes `Region.police` and `Region.policeOfficers`. Each assignment is a row (its history: since,
 * until); one grid may have more than one officer at a time, an officer may cover several grids. The officer is a
 * member of grid's workforce too, referenced by that key (`staff`). Name, station and the station's phone are public
 * (公开网格民警信息, for the grid's contact card).
 */
@ObjectType('GridPolice', { description: 'A police officer responsible for a grid (网格民警) over a period' })
@Entity({ tableName: 'grid_police_assignment' })
@Index({
  name: 'grid_police_assignment_one_open',
  expression:
    'create unique index "grid_police_assignment_one_open" on "grid_police_assignment" ("region_id", "staff_id") where "until" is null',
})
@Check({ name: 'grid_police_assignment_until_after_since', expression: 'until is null or until >= since' })
export class GridPoliceAssignment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** grid's region key (a grid) */
  @Index()
  @Property({ type: 'uuid' })
  regionId!: string;

  /** grid's staff key of the officer */
  @Index()
  @Property({ type: 'uuid' })
  staffId!: string;

  /** the grid's community (its division code's first 12 digits): where the assignment is scoped */
  @Property({ type: 'string', columnType: 'char(12)' })
  communityCode!: string;

  @Field({ description: 'Officer’s name (民警姓名)' })
  @Property({ type: 'text' })
  name!: string;

  @Field({ description: 'Badge number (警号)' })
  @Property({ type: 'text' })
  badgeNumber!: string;

  @Field({ description: 'Police station (派出所)' })
  @Property({ type: 'text' })
  policeStation!: string;

  @Field({ description: 'The police station’s duty phone (派出所值班电话)' })
  @Property({ type: 'text' })
  stationPhone!: string;

  @Field(() => LocalDate, { description: 'Responsible for the grid since (任职日期)' })
  @Property({ type: 'date' })
  since!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Responsible until (离任日期); null while current' })
  @Property({ type: 'date', nullable: true })
  until?: string | null;
}
