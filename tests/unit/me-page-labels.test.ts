/** The resident's page's words for enum values (pages/me/labels.ts): each value's Chinese term from its description. */
import { enumTerms } from '../../pages/me/labels';
import { loadSupergraph } from '../../gateway/supergraph';

describe('enumTerms', () => {
  it('takes the first run of Chinese of each value’s description, and leaves out a value without one', () => {
    const sdl = `
      enum Status {
        """已受理 — taken in"""
        APPLIED
        """Minimum living allowance (最低生活保障, 低保), paid monthly"""
        MINIMUM_LIVING
        """no Chinese here"""
        OTHER
        NONE
      }
      enum Plain { A B }
      type Query { status: Status }`;
    expect(enumTerms(sdl)).toEqual({ Status: { APPLIED: '已受理', MINIMUM_LIVING: '最低生活保障' } });
  });

  it('gives the page the words of the composed supergraph’s enums it shows', () => {
    const terms = enumTerms(loadSupergraph());
    expect({
      gender: terms.Gender,
      residence: terms.ResidenceStatus,
      visit: terms.VisitKind.ROUTINE,
      service: terms.ServiceStatus.SUBMITTED,
      event: terms.EventStatus.REPORTED,
    }).toEqual({
      gender: { MALE: '男', FEMALE: '女' },
      residence: { REGISTERED: '户籍人口', FLOATING: '流动人口', OVERSEAS: '境外人员' },
      visit: '日常走访',
      service: '已提交',
      event: '已上报',
    });
  });
});
