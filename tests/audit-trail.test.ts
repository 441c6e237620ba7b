/** Every field of every department's audit trail, as its auditor reads it through the gateway (the security issue, item 10). */
import { formatInstant } from '../lib/calendar';
import { as, auditorOf, gridLeader } from './support/callers';
import { testWorld } from './support/world';

const TRAILS = {
  POPULATION: 'populationAuditTrail',
  CIVIL_AFFAIRS: 'civilAffairsAuditTrail',
  PUBLIC_SECURITY: 'publicSecurityAuditTrail',
  GRID: 'gridAuditTrail',
} as const;

describe('audit trails (审计日志)', () => {
  it('answer every field, the time of each row included, tied together by the request id', async () => {
    const resident = testWorld().residents[0];
    const subject = `trail-${Date.now()}`;
    const started = Date.now();
    await as({ ...gridLeader, subject }).data(
      `query Trail($id: ID!) { resident(id: $id) { name assistance { program } registration { type } grid { name } } }`,
      { id: resident.id },
    );
    const requestIds = new Set<string>();
    for (const [department, field] of Object.entries(TRAILS)) {
      const answer = await as(auditorOf(department as keyof typeof TRAILS)).data(
        `query($s: String!) { ${field}(first: 5, filter: { subject: $s }) { totalCount nodes { id at requestId subject department role operation kind recordType recordIds fields purpose outcome } } }`,
        { s: subject },
      );
      const row = answer[field].nodes.find((r: { recordType: string }) => r.recordType === 'Resident');
      expect(row).toEqual({
        id: expect.stringMatching(/^\d+$/),
        at: expect.any(String),
        requestId: expect.any(String),
        subject,
        department: 'GRID',
        role: 'GRID_LEADER',
        operation: 'Trail',
        kind: 'READ',
        recordType: 'Resident',
        recordIds: [resident.id],
        fields: expect.any(Array),
        purpose: gridLeader.purpose,
        outcome: 'ALLOWED',
      });
      const at = Date.parse(row.at);
      // with the district's offset
      expect(formatInstant(new Date(at))).toBe(row.at);
      expect(at).toBeGreaterThanOrEqual(started - 1000);
      expect(at).toBeLessThanOrEqual(Date.now() + 1000);
      requestIds.add(row.requestId);
    }
    expect(requestIds.size).toBe(1);
  });
});
