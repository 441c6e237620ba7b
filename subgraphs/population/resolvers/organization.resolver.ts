import { randomUUID } from 'node:crypto';
import { CreateOnce, withoutKey } from '../../../lib/writes/idempotency';
import { type FilterQuery, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { Shared } from '../../../lib/auth/rules';
import { findPage } from '../../../lib/graphql/page-query';
import { badInput, conflict, requireId } from '../../../lib/errors';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { WHOLE_PHONE } from '../access';
import { Building } from '../entities/building';
import { CONTACT_PERSON } from '../entities/organization';
import { Organization } from '../entities/organization';
import type { PopulationContext } from '../loaders';
import { OrganizationFilter, RegisterOrganizationInput } from './organization.inputs';
import { validateOrganization } from './organization.validate';
import { REGISTRY_STAFF } from './resident.mutations';

export const OrganizationConnection = ConnectionType(Organization, 'Organization');

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'One organization (辖区单位) by id' })
  organization(@Arg('id', () => ID) id: string, @Ctx() ctx: PopulationContext): Promise<Organization | null> {
    return ctx.loaders.organization.load(requireId(id));
  }

  @Query(() => OrganizationConnection, {
    description: 'Organizations in the district (辖区单位), a page at a time (ordered by id)',
  })
  organizations(
    @Args() paging: PageArgs,
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter: OrganizationFilter | undefined,
    @Ctx() { em }: PopulationContext,
  ) {
    const where: Record<string, unknown> = {};
    if (filter?.buildingId) where.building = requireId(filter.buildingId, 'filter.buildingId');
    if (filter?.type) where.type = filter.type;
    return findPage(em, Organization, where as FilterQuery<Organization>, readPage(paging));
  }

  @FieldResolver(() => Building, { description: 'The building it is in' })
  async building(@Root() organization: Organization, @Ctx() ctx: PopulationContext): Promise<Building> {
    return (await ctx.loaders.building.load(organization.building.id))!;
  }

  @Shared({ ...CONTACT_PERSON, mask: 'PHONE', wholeFor: WHOLE_PHONE })
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Contact phone (联系电话); masked like 138****5678 unless your role may see it whole; a person’s phone, audited on every read',
  })
  contactPhone(@Root() organization: Organization): string | null {
    return organization.contactPhone ?? null;
  }

  @Shared(REGISTRY_STAFF)
  @Mutation(() => Organization, {
    description:
      'Registers an organization in the district (辖区单位登记); its credit code must pass the GB 32100 check',
  })
  async registerOrganization(
    @Arg('input', () => RegisterOrganizationInput) input: RegisterOrganizationInput,
    @Ctx() ctx: PopulationContext,
  ): Promise<Organization> {
    const once = new CreateOnce(ctx, 'registerOrganization', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(Organization, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const creditCode = validateOrganization(input);
    try {
      return await once.create(async ({ em: tx }) => {
        const building = await tx.findOne(Building, { id: requireId(input.buildingId, 'buildingId') });
        const refusal = () =>
          badInput(`buildingId ${input.buildingId} is not a building on the register in your data scope`, 'buildingId');
        if (!building) throw refusal();
        refuseOutsideScope(
          ctx,
          'Building',
          building.id,
          { buildingId: building.id, communityCode: building.communityCode },
          refusal,
        );
        const organization = tx.create(Organization, {
          id: randomUUID(),
          name: input.name.trim(),
          creditCode,
          type: input.type,
          building,
          contactName: input.contactName?.trim() || null,
          contactPhone: input.contactPhone ?? null,
        });
        await tx.flush();
        return organization;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict(`an organization with credit code ${creditCode} is already registered`);
      throw error;
    }
  }
}
