import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@shareable')
@ObjectType({ description: 'Where a region’s households are, in the terms population can count them by (internal)' })
export class RegionHouseholdArea {
  @Field(() => String, { nullable: true })
  codePrefix!: string | null;

  @Field(() => [ID])
  buildingIds!: string[];
}

/**
 * Grid's region, known here by its key; population adds the count of households in it (resolvers/region.resolver.ts),
 * from where grid says the region's households are (householdArea, sent along because householdCount @requires it).
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class Region {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => RegionHouseholdArea)
  householdArea?: RegionHouseholdArea;
}
