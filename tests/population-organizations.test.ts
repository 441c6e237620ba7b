import { randomUUID } from 'node:crypto';
/**
 * Organizations in the district (辖区单位) and the GB 32100 unified social credit code: the check character of published
 * codes, corrupted codes refused with the reason, registration through the gateway, Building.organizations.
 */
import { creditCodeCheckChar, makeCreditCode, parseCreditCode } from '../lib/codes/credit-code';
import { maskPhone } from '../lib/codes/id-number';
import { organizationsOf } from '../runner/synthetic/world';
import { analyst, as, gridLeader, registrar } from './support/callers';
import { codes } from './support/public-security';
import { ownerSql } from './support/hub';
import { onRegister, testWorld } from './support/world';

/** Codes printed on business licences and the standard's example. */
const PUBLISHED = [
  '91350100M000100Y43',
  '91110108551385082Q',
  '914403001922038216',
  '91110000802100433B',
  '12100000400000624D',
];

describe('unified social credit code (GB 32100)', () => {
  it.each(PUBLISHED)('accepts the published code %s', (code) => {
    expect(parseCreditCode(code)).toEqual({
      ok: true,
      code,
      facts: { authority: code[0], category: code[1], divisionCode: code.slice(2, 8) },
    });
    expect(creditCodeCheckChar(code)).toBe(code[17]);
  });

  it('refuses every single-character change of a valid code that keeps the format (the MOD 31 check catches them all)', () => {
    const code = PUBLISHED[1];
    const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let tried = 0;
    for (let i = 8; i < 18; i++) {
      for (const c of CHARSET) {
        if (c === code[i]) continue;
        tried++;
        expect(parseCreditCode(code.slice(0, i) + c + code.slice(i + 1))).toEqual({
          ok: false,
          reason: expect.stringContaining('check character'),
        });
      }
    }
    expect(tried).toBe(300);
  });

  it('says what is wrong: length, a letter not in the set, an unknown authority or category, a division code', () => {
    expect(parseCreditCode('9135010')).toEqual({ ok: false, reason: 'must be 18 characters; got 7' });
    expect(parseCreditCode('91350100M000100I43')).toEqual({
      ok: false,
      reason: expect.stringContaining('character 16 ("I") is not allowed'),
    });
    expect(parseCreditCode('B1350100M000100Y43')).toEqual({
      ok: false,
      reason: expect.stringContaining('registering authority'),
    });
    expect(parseCreditCode('94350100M000100Y43')).toEqual({
      ok: false,
      reason: expect.stringContaining('organization category of registering authority "9"'),
    });
    expect(parseCreditCode('9135A100M000100Y43')).toEqual({
      ok: false,
      reason: expect.stringContaining('6-digit division code'),
    });
  });

  it('makes valid codes for the synthetic district, all different', () => {
    expect(parseCreditCode(makeCreditCode('91', '110105', 'MA01ABCD2'))).toMatchObject({ ok: true });
    const organizations = organizationsOf(testWorld());
    expect(organizations.length).toBeGreaterThan(0);
    expect(organizations.every((o) => parseCreditCode(o.creditCode).ok)).toBe(true);
    expect(new Set(organizations.map((o) => o.creditCode)).size).toBe(organizations.length);
  });
});

describe('organizations (辖区单位)', () => {
  const world = testWorld();
  const organization = organizationsOf(world).find((o) => o.contactPhone)!;
  const REGISTER = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { name creditCode type building { id } contactName contactPhone } }`;
  const input = (creditCode: string, type = 'ENTERPRISE') => ({
    idempotencyKey: randomUUID(),
    name: '北京测试科技有限公司',
    creditCode,
    type,
    buildingId: organization.buildingId,
    contactName: '王强',
    contactPhone: '13812345678',
  });

  it('lists a building’s organizations under Building, the contact phone masked for a caseworker, the contact person refused to an analyst', async () => {
    const query = `query($id: ID!) { building(id: $id) { organizations { id name creditCode type contactName contactPhone } } }`;
    const expected = organizationsOf(world)
      .filter((o) => o.buildingId === organization.buildingId)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const seen = await as({ department: 'CIVIL_AFFAIRS', role: 'CASEWORKER' }).data(query, {
      id: organization.buildingId,
    });
    expect(seen.building.organizations).toEqual(
      expected.map((o) => ({
        id: o.id,
        name: o.name,
        creditCode: o.creditCode,
        type: o.type,
        contactName: o.contactName,
        contactPhone: maskPhone(o.contactPhone),
      })),
    );
    // a person's name and phone, wherever they sit: the statistics office gets the organization, not its contact
    const analysts = await as(analyst).graphql(query, { id: organization.buildingId });
    expect(analysts.data.building.organizations).toEqual(
      expected.map((o) => ({
        id: o.id,
        name: o.name,
        creditCode: o.creditCode,
        type: o.type,
        contactName: null,
        contactPhone: null,
      })),
    );
    expect(new Set(analysts.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
  });

  it('audits every read of the contact person as personal data', async () => {
    const subject = `contact-reader-${Date.now()}`;
    await as({ department: 'CIVIL_AFFAIRS', role: 'CASEWORKER', subject }).data(
      'query($id: ID!) { organization(id: $id) { name contactName contactPhone } }',
      { id: organization.id },
    );
    const rows = await ownerSql<{ record_type: string; record_ids: string[]; fields: string[]; outcome: string }>(
      'population',
      'select record_type, record_ids, fields, outcome from audit_log where actor = $1',
      [subject],
    );
    expect(rows).toEqual([
      {
        record_type: 'Organization',
        record_ids: [organization.id],
        fields: ['contactName', 'contactPhone'],
        outcome: 'ALLOWED',
      },
    ]);
  });

  it('registers one with a valid code, and refuses a corrupted code, a code of another kind of organization and a code already registered', async () => {
    const code = makeCreditCode('91', '110105', `MA${String(Date.now() % 1e7).padStart(7, '0')}`);
    const corrupted = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const bad = await as(registrar).graphql(REGISTER, { input: input(corrupted) });
    expect(bad.errors).toEqual([
      expect.objectContaining({
        message: 'creditCode the check character does not match (GB 32100 MOD 31); a character is probably mistyped',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'creditCode' }),
      }),
    ]);
    const wrongKind = await as(registrar).graphql(REGISTER, { input: input(code, 'SOCIAL_ORGANIZATION') });
    expect(wrongKind.errors![0]).toMatchObject({
      message: expect.stringContaining('a SOCIAL_ORGANIZATION is registered under "51"'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const { registerOrganization } = await as(registrar).data(REGISTER, { input: input(code.toLowerCase()) });
    expect(registerOrganization).toEqual({
      name: '北京测试科技有限公司',
      creditCode: code,
      type: 'ENTERPRISE',
      building: { id: organization.buildingId },
      contactName: '王强',
      contactPhone: '13812345678',
    });
    const twice = await as(registrar).graphql(REGISTER, { input: input(code) });
    expect(codes(twice)).toEqual(['CONFLICT']);
  });

  it('is registered by population’s registry staff only', async () => {
    expect(codes(await as(gridLeader).graphql(REGISTER, { input: input(PUBLISHED[0]) }))).toEqual(['FORBIDDEN']);
  });

  it('finds the residents of an organization’s building in a cohort (organization’s building)', async () => {
    const { cohort } = await as(registrar).data(
      `query($o: ID!) { cohort(where: { population: { organizationBuildingOf: $o } }, first: 100) { totalCount } }`,
      { o: organization.id },
    );
    const households = new Set(
      world.households.filter((h) => h.buildingId === organization.buildingId).map((h) => h.id),
    );
    expect(cohort.totalCount).toBe(
      world.residents.filter((r) => households.has(r.householdId) && onRegister(r)).length,
    );
  });
});
