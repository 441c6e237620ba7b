import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Collect } from '../../../lib/auth/collect';
import { BuildingUse } from './enums';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A building on the housing register (房屋/楼栋)' })
@Entity({ tableName: 'building' })
export class Building {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Collect({ collect: 'NONE', note: 'the standard address and division registers’ (标准地址库)' })
  @Field({ description: 'Standard address (标准地址)' })
  @Property({ type: 'text' })
  address!: string;

  @Collect({ collect: 'NONE', note: 'the standard address and division registers’ (标准地址库)' })
  @Field({ description: '12-digit division code of the community the building stands in (社区区划代码)' })
  @Index()
  @Property({ type: 'string', columnType: 'char(12)' })
  communityCode!: string;

  @Collect({ collect: 'NONE', note: 'the standard address and division registers’ (标准地址库)' })
  @Field({ description: 'Name, e.g. "3号楼"' })
  @Property({ type: 'text' })
  name!: string;

  @Collect({ collect: 'PROPOSE', note: 'seen on a visit; the registrar checks the property record' })
  @Field(() => BuildingUse)
  @Enum({ items: () => BuildingUse })
  use!: BuildingUse;

  @Collect({ collect: 'PROPOSE', note: 'seen on a visit; the registrar checks the property record' })
  @Field(() => Int)
  @Property({ type: 'smallint' })
  floors!: number;

  @Collect({ collect: 'DIRECT', note: 'measured on site (GCJ-02 as the map shows)' })
  @Field(() => Float, { nullable: true })
  @Property({ type: 'double precision', nullable: true })
  latitude?: number | null;

  @Collect({ collect: 'DIRECT', note: 'measured on site (GCJ-02 as the map shows)' })
  @Field(() => Float, { nullable: true })
  @Property({ type: 'double precision', nullable: true })
  longitude?: number | null;
}
