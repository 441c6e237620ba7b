import { parseCreditCode } from '../../../lib/codes/credit-code';
import { badInput } from '../../../lib/errors';
import { OrganizationType } from '../entities/enums';
import type { RegisterOrganizationInput } from './organization.inputs';
import { checkPhone } from './resident.validate';

/** The registering authority and category (GB 32100 characters 1-2) each type of organization is issued under. */
const CODE_PREFIXES: Record<OrganizationType, string[]> = {
  [OrganizationType.ENTERPRISE]: ['91', '93'],
  [OrganizationType.INDIVIDUAL_BUSINESS]: ['92'],
  [OrganizationType.GOVERNMENT_AGENCY]: ['11'],
  [OrganizationType.PUBLIC_INSTITUTION]: ['12'],
  [OrganizationType.SOCIAL_ORGANIZATION]: ['51', '52', '53'],
};

/** Checks a new organization; returns its credit code in canonical form, or throws BAD_USER_INPUT naming the field. */
export function validateOrganization(input: RegisterOrganizationInput): string {
  if (!input.name.trim() || input.name.length > 100) throw badInput('name must be 1 to 100 characters', 'name');
  const parsed = parseCreditCode(input.creditCode);
  if (!parsed.ok) throw badInput(`creditCode ${parsed.reason}`, 'creditCode');
  const prefixes = CODE_PREFIXES[input.type];
  if (!prefixes.includes(parsed.code.slice(0, 2))) {
    throw badInput(
      `creditCode starts with "${parsed.code.slice(0, 2)}", but a ${input.type} is registered under ${prefixes.map((p) => `"${p}"`).join(' or ')}`,
      'creditCode',
    );
  }
  if (input.contactPhone != null) checkPhone(input.contactPhone, 'contactPhone');
  return parsed.code;
}
