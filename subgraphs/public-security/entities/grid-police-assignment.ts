import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../lib/graphql/scalars';

/**
 * Which officer polices a grid (网格警): public security assigns them, so public security owns the fact and contributes
 * `Region.police`. The officer is a member of grid's workforce too, referenced by that key (`staff`), where grid keeps
 * their name and phone.
 */
@ObjectType('GridPolice', { description: 'The police officer responsible for a grid (网格警)' })
@Entity({ tableName: 'grid_police_assignment' })
export class GridPoliceAssignment {
  /** grid's region key (a grid) */
  @PrimaryKey({ type: 'uuid' })
  regionId!: string;

  /** grid's staff key of the officer */
  @Property({ type: 'uuid' })
  staffId!: string;

  @Field({ description: 'Badge number (警号)' })
  @Property({ type: 'text' })
  badgeNumber!: string;

  @Field({ description: 'Police station (派出所)' })
  @Property({ type: 'text' })
  policeStation!: string;

  @Field(() => LocalDate, { description: 'Responsible for the grid since (任职日期)' })
  @Property({ type: 'date' })
  since!: string;
}
