import { correctionDueOn, correctionOverdue } from '../../lib/corrections/due';

/** 2026-12-03 (a Thursday) 10:00 in Beijing. */
const at = (day: string, hour = '10:00') => new Date(`${day}T${hour}:00+08:00`);

describe('a correction’s due day (15 working days, 次日起算)', () => {
  it('counts working days across a month boundary, skipping weekends', () => {
    // Thu 3 Dec: 15 working days are 4–24 Dec (three weekends skipped)
    expect(correctionDueOn(at('2026-12-03'))).toBe('2026-12-24');
    // the last evening of November in Beijing, and the first minutes of December there (still 30 Nov in UTC)
    expect(correctionDueOn(at('2026-11-30', '23:30'))).toBe('2026-12-21');
    expect(correctionDueOn(at('2026-12-01', '00:30'))).toBe('2026-12-22');
  });

  it('skips the State Council’s holidays and counts a make-up working day', () => {
    // 2026 National Day: 1–7 Oct off, Sat 10 Oct worked; filed Tue 29 Sep: 30 Sep, then 8 Oct onwards (weekdays
    // alone would give 20 Oct)
    expect(correctionDueOn(at('2026-09-29'))).toBe('2026-10-26');
  });

  it('is overdue only when still pending after its due day', () => {
    expect(correctionOverdue({ status: 'PENDING', dueOn: '2026-12-24' }, '2026-12-24')).toBe(false);
    expect(correctionOverdue({ status: 'PENDING', dueOn: '2026-12-24' }, '2026-12-25')).toBe(true);
    expect(correctionOverdue({ status: 'ACCEPTED', dueOn: '2026-12-24' }, '2026-12-25')).toBe(false);
  });
});
