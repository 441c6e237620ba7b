import { parseIdNumber } from '../../../lib/codes/id-number';
import { ETHNICITIES, RELATIONS } from '../../../lib/codes/tables';
import { badInput } from '../../../lib/errors';
import type { RegisterResidentInput, UpdateResidentInput } from './resident.inputs';

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Checks every fact of a new resident against the national rules; throws BAD_USER_INPUT naming the field. */
export function validateRegistration(input: RegisterResidentInput): string {
  const parsed = parseIdNumber(input.idNumber);
  if (!parsed.ok) throw badInput(`idNumber ${parsed.reason}`, 'idNumber');
  if (parsed.facts.birthDate !== input.birthDate) {
    throw badInput(
      `birthDate ${input.birthDate} does not agree with the ID number, which encodes ${parsed.facts.birthDate}`,
      'birthDate',
    );
  }
  if (parsed.facts.gender !== input.gender) {
    throw badInput(
      `gender ${input.gender} does not agree with the ID number, whose 17th digit encodes ${parsed.facts.gender}`,
      'gender',
    );
  }
  if (!ETHNICITIES[input.ethnicityCode])
    throw badInput(`ethnicityCode "${input.ethnicityCode}" is not a GB/T 3304 code ("01" to "56")`, 'ethnicityCode');
  if (!input.collectedBy?.trim()) throw badInput('collectedBy must name who collected the record', 'collectedBy');
  if (input.movedInOn != null) {
    if (input.movedInOn > new Date().toISOString().slice(0, 10))
      throw badInput(`movedInOn ${input.movedInOn} is in the future`, 'movedInOn');
    if (input.movedInOn < input.birthDate)
      throw badInput(`movedInOn ${input.movedInOn} is before the birth date ${input.birthDate}`, 'movedInOn');
  }
  validateUpdate(input);
  return input.idNumber.trim().toUpperCase();
}

export function validateUpdate(input: UpdateResidentInput): void {
  if (input.name !== undefined && (!input.name.trim() || input.name.length > 50))
    throw badInput('name must be 1 to 50 characters', 'name');
  if (input.phone !== undefined && input.phone !== null) checkPhone(input.phone, 'phone');
  if (input.relationCode !== undefined && input.relationCode !== null && !RELATIONS[input.relationCode]) {
    throw badInput(
      `relationCode "${input.relationCode}" is not a GB/T 4761 code (e.g. "02" head, "10" spouse, "20" son)`,
      'relationCode',
    );
  }
}

export function checkPhone(value: string, field: string): void {
  if (!PHONE.test(value))
    throw badInput(`${field} "${value}" is neither an 11-digit mobile number nor a landline like 010-12345678`, field);
}
