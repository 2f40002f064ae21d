import { findDates } from './find-dates.js';
import { resolveDate } from './resolve-date.js';

const pub = '2021-04-07'; // a Wednesday

describe('resolveDate', () => {
  it.each([
    ['last week', 'past', '2021-03-29', '2021-04-04', 'week'],
    ['this week', 'past', '2021-04-05', '2021-04-07', 'week'],
    ['last month', 'past', '2021-03-01', '2021-03-31', 'month'],
    ['last year', 'past', '2020-01-01', '2020-12-31', 'year'],
    ['early last year', 'past', '2020-01-01', '2020-04-30', 'season'],
    ['late 2019', 'past', '2019-10-01', '2019-12-31', 'season'],
    ['the summer of 2018', 'past', '2018-06-01', '2018-08-31', 'season'],
    ['in June', 'past', '2020-06-01', '2020-06-30', 'month'],
    ['in March', 'past', '2021-03-01', '2021-03-31', 'month'],
    ['in October', 'future', '2021-10-01', '2021-10-31', 'month'],
    ['on Wednesday', 'past', '2021-04-07', '2021-04-07', 'day'],
    ['Wednesday’s', 'past', '2021-04-07', '2021-04-07', 'day'],
    ['on Friday', 'past', '2021-04-02', '2021-04-02', 'day'],
    ['on Friday', 'future', '2021-04-09', '2021-04-09', 'day'],
    ['December 2020', 'past', '2020-12-01', '2020-12-31', 'month'],
    ['January 3rd, 2020', 'past', '2020-01-03', '2020-01-03', 'day'],
    ['July 15, 2020', 'past', '2020-07-15', '2020-07-15', 'day'],
    ['in 2016', 'past', '2016-01-01', '2016-12-31', 'year'],
    ['yesterday', 'past', '2021-04-06', '2021-04-06', 'day'],
  ] as const)('%s (%s)', (text, tense, start, end, precision) => {
    expect(resolveDate(text, pub, tense)).toMatchObject({ start, end, precision });
  });

  it('gives "the coming months" an open future interval', () => {
    const d = resolveDate('over the coming months', pub, 'future')!;
    expect(d.start).toBe(pub);
    expect(d.end > '2021-06-30').toBe(true);
    expect(d.precision).toBe('unknown');
  });

  it('resolves a Sunday publication: "on Friday" is two days before', () => {
    expect(resolveDate('on Friday', '2020-01-05', 'past')).toMatchObject({ start: '2020-01-03' });
  });
});

describe('findDates', () => {
  it('finds expressions with exact offsets and marks dates of saying', () => {
    const text = 'Two officials said Wednesday that a convoy drove through Baghdad last week.';
    const found = findDates(text, 0, text.length);
    expect(found.map((d) => [d.text, d.ofSaying])).toEqual([
      ['Wednesday', true],
      ['last week', false],
    ]);
    for (const d of found) expect(text.slice(d.start, d.end)).toBe(d.text);
  });

  it('does not take a year naming an agreement, or the verb "may", for a date', () => {
    const text = 'Under the 2008 Strategic Framework Agreement, troops may stay.';
    expect(findDates(text, 0, text.length)).toEqual([]);
  });
});
