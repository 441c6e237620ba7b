import type { CollectedRental } from './entities/collected-rental';
import type { Incident } from './entities/incident';
import type { RentalHousing } from './entities/rental-housing';
import type { PublicSecurityContext } from './loaders';

/** A rental is about its landlord and every tenant on its record. */
export const rentalSubjects = async (rental: RentalHousing, ctx: PublicSecurityContext): Promise<string[]> => [
  rental.landlordId,
  ...(await ctx.loaders.tenanciesOfRental.load(rental.id)).map((t) => t.residentId),
];

/** A collected rental is about the landlord and the tenants the visit named. */
export const collectedRentalSubjects = (item: CollectedRental): string[] => [
  ...(item.landlordId ? [item.landlordId] : []),
  ...item.tenants.map((t) => t.residentId),
];

/** An incident is about its parties. */
export const incidentSubjects = async (incident: Incident, ctx: PublicSecurityContext): Promise<string[]> =>
  (await ctx.loaders.partiesOfIncident.load(incident.id)).map((p) => p.residentId);
