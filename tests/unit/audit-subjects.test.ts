/**
 * The audit collector's data subjects and the access report's words, without a hub: a row names every resident its
 * records are about, looked-up subjects included; the report's words group fields, leave out what the law withholds,
 * and never drop a field a table forgot.
 */
import { AuditCollector } from '../../lib/audit/collector';
import { type AccessVocabulary, describeRead } from '../../lib/audit/vocabulary';
import { publicSecurityAccessWords } from '../../subgraphs/public-security/access-words';

const caller = {
  subject: 'official-1',
  scope: ['region-a'],
  department: 'GRID',
  role: 'GRID_WORKER',
  purpose: '入户走访',
  requestId: 'req-1',
  operationName: 'Visit',
};

describe('AuditCollector', () => {
  it('names the actor and the data subjects of each row: given, looked up once per record, and a Resident’s own id', async () => {
    const audit = new AuditCollector(caller);
    const household = { id: 'h1' };
    let lookups = 0;
    const members = () => {
      lookups++;
      return Promise.resolve(['r2', 'r1']);
    };
    audit.note('READ', 'Household', 'h1', 'room', 'ALLOWED', audit.subjectsOf(household, members));
    audit.note('READ', 'Household', 'h1', 'members', 'ALLOWED', audit.subjectsOf(household, members));
    audit.note('READ', 'Resident', ['r3'], 'name');
    audit.note('WRITE', 'Event', 'e1', 'reportEvent', 'ALLOWED', ['r4']);
    expect(lookups).toBe(1);
    expect(await audit.take()).toEqual([
      expect.objectContaining({
        actor: 'official-1',
        actor_units: ['region-a'],
        record_type: 'Household',
        data_subjects: ['r1', 'r2'],
      }),
      expect.objectContaining({ record_type: 'Resident', record_ids: ['r3'], data_subjects: ['r3'] }),
      expect.objectContaining({ kind: 'WRITE', record_type: 'Event', data_subjects: ['r4'] }),
    ]);
  });

  it('keeps one row per kind, type and outcome however the reads of a page interleave, each look-up awaited once', async () => {
    const audit = new AuditCollector(caller);
    const members = Promise.resolve(['r1', 'r2']);
    const awaited = jest.spyOn(members, 'then');
    for (const field of ['room', 'type', 'members']) audit.note('READ', 'Household', 'h1', field, 'ALLOWED', members);
    audit.note('READ', 'Resident', 'r1', 'name');
    audit.note('READ', 'Household', 'h2', 'room', 'ALLOWED', ['r3']);
    audit.note('READ', 'Resident', 'r2', 'name', 'DENIED');
    audit.note('READ', 'Resident', 'r2', 'phone');
    const rows = await audit.take();
    expect(awaited).toHaveBeenCalledTimes(1);
    expect(rows.map((r) => [r.record_type, r.outcome, r.record_ids, r.fields, r.data_subjects])).toEqual([
      ['Household', 'ALLOWED', ['h1', 'h2'], ['members', 'room', 'type'], ['r1', 'r2', 'r3']],
      ['Resident', 'ALLOWED', ['r1', 'r2'], ['name', 'phone'], ['r1', 'r2']],
      ['Resident', 'DENIED', ['r2'], ['name'], ['r2']],
    ]);
    audit.note('READ', 'Resident', 'r9', 'name');
    expect((await audit.take()).map((r) => r.record_ids)).toEqual([['r9']]);
  });

  it('gives the rows back with their subjects when the transaction that took them did not commit', async () => {
    const audit = new AuditCollector(caller);
    audit.note('WRITE', 'AssistanceCase', 'c1', 'decide', 'ALLOWED', Promise.resolve(['r5']));
    await audit.take();
    audit.restore();
    expect((await audit.take()).map((r) => r.data_subjects)).toEqual([['r5']]);
  });
});

describe('describeRead', () => {
  const words: AccessVocabulary = {
    records: {
      Resident: { record: '人口登记信息', fields: { name: '身份信息', idNumber: '身份信息' }, other: '其他' },
    },
    withheld: { recordTypes: [], fields: ['Resident.secret'] },
  };

  it('tells a row’s fields as their groups, once each, a forgotten field as “other”, and never the key', () => {
    expect(describeRead(words, 'Resident', ['id', 'name', 'idNumber', 'shoeSize', 'collected.visit=v1'])).toEqual({
      record: '人口登记信息',
      fields: ['其他', '身份信息'],
    });
  });

  it('leaves out what the law withholds (public security: key-person supervision, incidents)', () => {
    expect(describeRead(words, 'Resident', ['secret', 'name'])).toEqual({
      record: '人口登记信息',
      fields: ['身份信息'],
    });
    expect(describeRead(publicSecurityAccessWords, 'Resident', ['keyPerson', 'incidents', 'registration'])).toEqual({
      record: '公安登记概况 (your public-security records)',
      fields: ['户籍 (hukou registration)'],
    });
  });
});
