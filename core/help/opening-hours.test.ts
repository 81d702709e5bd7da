import { describe, expect, it } from 'vitest';
import { openingStatus, type OpeningHours } from './opening-hours.ts';

/** The city's phone and chat line: Monday–Friday 9–12, closed on holidays. */
const phoneLine: OpeningHours = {
  weekly: {
    mon: [{ opens: '09:00', closes: '12:00' }],
    tue: [{ opens: '09:00', closes: '12:00' }],
    wed: [{ opens: '09:00', closes: '12:00' }],
    thu: [{ opens: '09:00', closes: '12:00' }],
    fri: [{ opens: '09:00', closes: '12:00' }],
  },
  closedDates: ['2026-12-24', '2026-12-25'],
  specialDates: [],
};

/** A manual clock reading: the instant of a Helsinki wall-clock time written with its offset. */
const at = (iso: string) => Date.parse(iso);

describe('openingStatus', () => {
  it('says open until closing time on a weekday morning in winter (UTC+2)', () => {
    expect(openingStatus(phoneLine, at('2026-12-01T10:30+02:00'))).toEqual({ state: 'open', closes: '12:00' });
  });

  it('uses Helsinki summer time (UTC+3), not UTC', () => {
    // 06:30 UTC is 09:30 in Helsinki in June: open. Read as UTC it would look closed.
    expect(openingStatus(phoneLine, at('2026-06-10T06:30Z'))).toEqual({ state: 'open', closes: '12:00' });
  });

  it('says it opens today when the morning has not started yet', () => {
    expect(openingStatus(phoneLine, at('2026-12-01T08:59+02:00'))).toEqual({
      state: 'closed',
      opens: { day: 'today', date: '2026-12-01', time: '09:00' },
    });
  });

  it('is closed at the closing minute itself and then opens tomorrow', () => {
    expect(openingStatus(phoneLine, at('2026-12-01T12:00+02:00'))).toEqual({
      state: 'closed',
      opens: { day: 'tomorrow', date: '2026-12-02', time: '09:00' },
    });
  });

  it('names Monday on a Friday afternoon', () => {
    // 2026-12-04 is a Friday.
    expect(openingStatus(phoneLine, at('2026-12-04T15:00+02:00'))).toEqual({
      state: 'closed',
      opens: { day: 'mon', date: '2026-12-07', time: '09:00' },
    });
  });

  it('skips holidays', () => {
    // Wednesday 23 December after closing: 24th and 25th are holidays, then the weekend.
    expect(openingStatus(phoneLine, at('2026-12-23T13:00+02:00'))).toEqual({
      state: 'closed',
      opens: { day: 'mon', date: '2026-12-28', time: '09:00' },
    });
  });

  it('gives a date when the next opening is a week or more away', () => {
    const longBreak = {
      ...phoneLine,
      closedDates: ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'],
    };
    expect(openingStatus(longBreak, at('2026-12-04T15:00+02:00'))).toEqual({
      state: 'closed',
      opens: { day: 'date', date: '2026-12-14', time: '09:00' },
    });
  });

  it('uses special hours in place of the weekly ones on that date', () => {
    const shortDay = { ...phoneLine, specialDates: [{ date: '2026-12-01', opens: '10:00', closes: '11:00' }] };
    expect(openingStatus(shortDay, at('2026-12-01T09:30+02:00'))).toEqual({
      state: 'closed',
      opens: { day: 'today', date: '2026-12-01', time: '10:00' },
    });
    expect(openingStatus(shortDay, at('2026-12-01T10:30+02:00'))).toEqual({ state: 'open', closes: '11:00' });
  });

  it('finds the next period on a day with two', () => {
    const split = {
      ...phoneLine,
      weekly: {
        tue: [
          { opens: '13:00', closes: '15:00' },
          { opens: '09:00', closes: '11:00' },
        ],
      },
    };
    expect(openingStatus(split, at('2026-12-01T11:30+02:00'))).toEqual({
      state: 'closed',
      opens: { day: 'today', date: '2026-12-01', time: '13:00' },
    });
  });

  it('says unknown when nothing opens within three weeks', () => {
    expect(openingStatus({ weekly: {}, closedDates: [], specialDates: [] }, at('2026-12-01T10:00+02:00'))).toEqual({
      state: 'unknown',
    });
  });
});
