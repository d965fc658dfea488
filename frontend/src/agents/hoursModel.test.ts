import { describe, expect, it } from 'vitest';
import { dayRanges, describeHours, draftOf, validate } from './hoursModel';

describe('business hours in words', () => {
  it('reads runs of three or more days as a range', () => {
    expect(dayRanges(['MON', 'TUE', 'WED', 'THU', 'FRI'])).toBe('Mon–Fri');
    expect(dayRanges(['FRI', 'MON', 'WED'])).toBe('Mon, Wed, Fri');
    expect(dayRanges(['MON', 'TUE', 'WED', 'SAT', 'SUN'])).toBe('Mon–Wed, Sat, Sun');
  });

  it('says around the clock for a team without hours', () => {
    const none = { team: 'Hardware Team', calendar_time: true, time_zone: null, days: null, start: null, end: null };
    expect(describeHours(none)).toBe('Around the clock');
    expect(
      describeHours({
        ...none,
        calendar_time: false,
        time_zone: 'Europe/Paris',
        days: ['MON'],
        start: '09:00',
        end: '17:00',
      }),
    ).toBe('Mon, 09:00–17:00 (Europe/Paris)');
  });
});

describe('the hours form before it asks the server', () => {
  const office = { time_zone: 'Europe/Paris', days: ['MON' as const], start: '09:00', end: '17:00' };

  it('accepts a working day within one calendar day', () => {
    expect(validate(office)).toEqual({});
  });

  it('names each field at fault', () => {
    expect(validate({ time_zone: ' ', days: [], start: '9', end: '' })).toEqual({
      time_zone: 'Choose a time zone, such as Europe/Paris.',
      days: 'Choose at least one working day.',
      start: 'Give the start as HH:MM, such as 09:00.',
      end: 'Give the end as HH:MM, such as 17:00.',
    });
    expect(validate({ ...office, start: '17:00', end: '09:00' }).end).toContain('after the start');
    expect(validate({ ...office, end: '09:00' }).end).toContain('after the start');
  });

  it('starts a team without hours on office hours on weekdays', () => {
    const draft = draftOf(undefined);
    expect(draft.days).toEqual(['MON', 'TUE', 'WED', 'THU', 'FRI']);
    expect([draft.start, draft.end]).toEqual(['09:00', '17:00']);
    expect(draft.time_zone).not.toBe('');
  });
});
