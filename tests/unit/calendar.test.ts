/** lib/calendar: the district's days and months, at their boundaries, and the working calendar. */
import {
  addMonths,
  addWorkingDays,
  addYears,
  ageOn,
  dayOf,
  districtZone,
  formatInstant,
  isWorkingDay,
  monthNamed,
  monthOf,
  today,
  workingDaysFrom,
  workingHoursFrom,
} from '../../lib/calendar';
import { readSettings, SettingsError } from '../../lib/config/settings';
import { Clock, stepDeadline, TIME_LIMITS, EventCategory } from '../../subgraphs/grid/events/time-limits';
import { EventStatus } from '../../subgraphs/grid/events/workflow';

const beijing = (text: string) => new Date(`${text}+08:00`);
const shown = (at: Date) => formatInstant(at);

describe('the district calendar (Asia/Shanghai by default)', () => {
  it('is Asia/Shanghai unless HUB_TIME_ZONE says otherwise, and refuses a zone nobody knows', () => {
    expect(districtZone()).toBe('Asia/Shanghai');
    expect(readSettings({ HUB_TIME_ZONE: 'Europe/Berlin' }).HUB_TIME_ZONE).toBe('Europe/Berlin');
    expect(() => readSettings({ HUB_TIME_ZONE: 'Mars/Olympus' })).toThrow(SettingsError);
  });

  it('puts an instant on its day and month in the district, at the day and the month boundary', () => {
    const instants = {
      'visit at 05:00 on 1 December': beijing('2026-12-01T05:00'),
      'visit at 23:30 on 30 November': beijing('2026-11-30T23:30'),
      'last millisecond of November': new Date('2026-11-30T15:59:59.999Z'),
      'first millisecond of December': new Date('2026-11-30T16:00:00.000Z'),
    };
    expect(
      Object.fromEntries(Object.entries(instants).map(([k, at]) => [k, [dayOf(at), monthOf(at).key, today(at)]])),
    ).toEqual({
      'visit at 05:00 on 1 December': ['2026-12-01', '2026-12', '2026-12-01'],
      'visit at 23:30 on 30 November': ['2026-11-30', '2026-11', '2026-11-30'],
      'last millisecond of November': ['2026-11-30', '2026-11', '2026-11-30'],
      'first millisecond of December': ['2026-12-01', '2026-12', '2026-12-01'],
    });
  });

  it('runs a month from its first midnight to the next month’s, and writes instants with the offset', () => {
    const december = monthNamed('2026-12');
    expect([december.key, shown(december.from), shown(december.to)]).toEqual([
      '2026-12',
      '2026-12-01T00:00:00.000+08:00',
      '2027-01-01T00:00:00.000+08:00',
    ]);
    expect(december.from.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(shown(new Date('2026-11-30T21:00:00Z'))).toBe('2026-12-01T05:00:00.000+08:00');
  });

  it('counts days, months, years and ages on the calendar', () => {
    expect([
      addMonths('2026-01-31', 1),
      addMonths('2026-12-15', 1),
      addYears('2024-02-29', 1),
      ageOn('2000-02-29', '2027-02-28'),
      ageOn('2000-02-29', '2027-03-01'),
      ageOn('2008-12-01', '2026-12-01'),
    ]).toEqual(['2026-02-28', '2027-01-15', '2025-03-01', 26, 27, 18]);
  });
});

describe('the working calendar (工作日)', () => {
  it('follows the State Council’s 2026 schedule: holidays off, make-up weekend days worked', () => {
    const days = ['2026-10-01', '2026-10-07', '2026-10-08', '2026-10-10', '2026-10-11', '2026-02-14', '2026-12-03'];
    expect(days.map(isWorkingDay)).toEqual([false, false, true, true, false, true, true]);
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
  });

  it('without a year’s schedule counts weekends and the fixed-date holidays only', () => {
    expect(['2027-01-01', '2027-01-02', '2027-01-04', '2027-05-03', '2027-10-04'].map(isWorkingDay)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  it('counts working hours in office hours of working days, working days from the next day', () => {
    expect(
      [
        workingHoursFrom(beijing('2026-12-03T23:00'), 1),
        workingHoursFrom(beijing('2026-12-04T16:00'), 4),
        workingHoursFrom(beijing('2026-12-04T11:30'), 1),
        workingHoursFrom(beijing('2026-02-13T17:00'), 1),
        workingDaysFrom(beijing('2026-12-04T10:00'), 1),
        workingDaysFrom(beijing('2026-09-30T16:00'), 1),
      ].map(shown),
    ).toEqual([
      '2026-12-04T10:00:00.000+08:00',
      '2026-12-07T11:30:00.000+08:00',
      '2026-12-04T14:00:00.000+08:00',
      '2026-02-14T09:30:00.000+08:00',
      '2026-12-08T00:00:00.000+08:00',
      '2026-10-09T00:00:00.000+08:00',
    ]);
  });
});

describe('grid event time limits', () => {
  it('declare a clock for every timed step', () => {
    const clocks = new Set(
      Object.values(TIME_LIMITS).flatMap((limits) => Object.values(limits).map((limit) => limit.clock)),
    );
    expect([...clocks].sort()).toEqual([Clock.CALENDAR_HOURS, Clock.WORKING_DAYS, Clock.WORKING_HOURS]);
  });

  it('run each step on its clock: a public-order report at 23:00 is due at midnight, a hazard’s at 10:00', () => {
    const at = beijing('2026-12-03T23:00');
    expect(
      [
        stepDeadline(EventCategory.PUBLIC_ORDER, EventStatus.REPORTED, at),
        stepDeadline(EventCategory.SAFETY_HAZARD, EventStatus.REPORTED, at),
        stepDeadline(EventCategory.SAFETY_HAZARD, EventStatus.IN_PROGRESS, at),
        stepDeadline(EventCategory.DISPUTE, EventStatus.IN_PROGRESS, beijing('2026-09-30T16:00')),
      ].map((d) => d && shown(d)),
    ).toEqual([
      '2026-12-04T00:00:00.000+08:00',
      '2026-12-04T10:00:00.000+08:00',
      '2026-12-04T23:00:00.000+08:00',
      '2026-10-11T00:00:00.000+08:00',
    ]);
    expect(stepDeadline(EventCategory.DISPUTE, EventStatus.SUSPENDED, at)).toBeNull();
  });
});
