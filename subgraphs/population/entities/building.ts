import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { BuildingUse } from './enums';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A building on the housing register (房屋/楼栋)' })
@Entity({ tableName: 'building' })
export class Building {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field({ description: 'Standard address (标准地址)' })
  @Property({ type: 'text' })
  address!: string;

  @Field({ description: '12-digit division code of the community the building stands in (社区区划代码)' })
  @Index()
  @Property({ type: 'string', columnType: 'char(12)' })
  communityCode!: string;

  @Field({ description: 'Name, e.g. "3号楼"' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => BuildingUse)
  @Enum({ items: () => BuildingUse })
  use!: BuildingUse;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  floors!: number;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double precision', nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double precision', nullable: true })
  longitude?: number | null;
}
