import { idNumberCheckChar, makeIdNumber, maskIdNumber, maskPhone, parseIdNumber } from '../lib/codes/id-number';

describe('citizen ID number (GB 11643)', () => {
  it('accepts the standard’s worked example and reads birth date and gender from it', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      facts: { addressCode: '110105', birthDate: '1949-12-31', gender: 'FEMALE' },
    });
  });

  it('computes the MOD 11-2 check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4'); // the standard's second example
  });

  it('refuses a wrong check character, an impossible date and a wrong length, saying why', () => {
    expect(parseIdNumber('110105194912310021')).toEqual({
      ok: false,
      reason: expect.stringContaining('check character'),
    });
    expect(parseIdNumber('110105194902300028')).toEqual({ ok: false, reason: expect.stringContaining('birth date') });
    expect(parseIdNumber('1101051949123100')).toEqual({ ok: false, reason: expect.stringContaining('18 characters') });
  });

  it('makes valid numbers whose sequence parity matches the gender', () => {
    for (const gender of ['MALE', 'FEMALE'] as const) {
      const parsed = parseIdNumber(makeIdNumber('110105', '1990-02-28', 17, gender));
      expect(parsed).toEqual({ ok: true, facts: { addressCode: '110105', birthDate: '1990-02-28', gender } });
    }
  });

  it('masks all but the address code and the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105************');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
