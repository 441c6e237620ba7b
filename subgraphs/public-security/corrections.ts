import type { CorrectionDeclaration, FactCall } from '../../lib/corrections';
import { badInput } from '../../lib/errors';
import { POLICE_OFFICERS } from './access';
import { RentalHousing } from './entities/rental-housing';
import { RentalTenancy } from './entities/rental-tenancy';
import type { PublicSecurityContext } from './loaders';
import { endTenancyOn, movedOutProblem } from './resolvers/rental.mutations';

type Call = FactCall<PublicSecurityContext>;

/** The person's latest tenancy the register still has them living in, on the call's connection. */
const openTenancy = ({ ctx, residentId }: Pick<Call, 'ctx' | 'residentId'>) =>
  ctx.em.findOne(RentalTenancy, { residentId, movedOutOn: null }, { orderBy: { movedInOn: 'desc', id: 'asc' } });

/**
 * Public security's facts of a person the person may say are wrong: that they still live in a rental they have left
 * (退租日期), checked and applied as endTenancy ends a tenancy (its history row in the rental's history). A residence
 * permit is issued, renewed and cancelled on the resident's own application and documents, with no change of its
 * facts in between, and key-person and incident records are withheld from the person by law (PIPL art. 18, 35).
 */
export const publicSecurityCorrections: CorrectionDeclaration<PublicSecurityContext> = {
  facts: [
    {
      fact: 'tenancyMovedOutOn',
      label: '退租日期 (the day you moved out of your rented home; empty while the register has you living there)',
      async current(call) {
        return (await openTenancy(call)) ? null : undefined;
      },
      async problem(call, value) {
        const tenancy = await openTenancy(call);
        return tenancy ? movedOutProblem(tenancy, value) : 'the register has you living in no rented home';
      },
      async apply(call, value) {
        const tenancy = await openTenancy(call);
        if (!tenancy)
          throw badInput('the register has the resident living in no rented home; reject the request', 'input.id');
        await endTenancyOn(call.ctx, tenancy.id, value);
      },
    },
  ],
  async placeOf(ctx, residentId) {
    const tenancy = await openTenancy({ ctx, residentId });
    const rental = tenancy ? await ctx.em.findOne(RentalHousing, { id: tenancy.rentalId }) : null;
    return rental ? { buildingId: rental.buildingId, communityCode: rental.communityCode } : null;
  },
  deciders: POLICE_OFFICERS,
};
