import { Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * What every civil-affairs record about one resident keeps: the resident's key issued by population (a plain uuid:
 * civil affairs never joins into another department's tables), and where the record is handled (受理地) — the
 * building of the resident's household as population answered when it was recorded, and its community code. Records
 * are scoped by that place, like assistance cases.
 */
@ObjectType()
export abstract class ResidentRecord {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => ID, { description: 'The resident concerned (居民): a key issued by population' })
  @Index()
  @Property({ type: 'uuid' })
  residentId!: string;

  /** where it is handled: grids count their buildings' records by it (region figures) */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  buildingId?: string | null;

  @Index()
  @Property({ type: 'string', columnType: 'char(12)', nullable: true })
  communityCode?: string | null;
}
