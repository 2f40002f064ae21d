import { createCoder, type Coder } from '../coder.js';

let coder: Coder;
beforeAll(() => {
  coder = createCoder();
});

describe('merging mentions into events', () => {
  it('makes one event of a headline, a report and an anaphor', () => {
    const text = [
      'Iraqi PM sends letter to Tehran',
      'Iraqi Prime Minister Mustafa al-Kadhimi sent a letter to Iran last week, officials said.',
      'In the letter, he asked Iran to rein in the militias.',
      'It was not clear who the message was given to.',
    ].join('\n');
    const letters = coder.extract({ text, publishedAt: '2021-04-07' }).filter((e) => e.type === 'LetterSent');
    expect(letters).toHaveLength(1);
    expect(letters[0]!.evidence.length).toBeGreaterThanOrEqual(3);
    expect(letters[0]!.agent[0]!.id).toBe('mustafa-al-kadhimi');
    expect(letters[0]!.date).toMatchObject({ start: '2021-03-29', end: '2021-04-04', precision: 'week' });
  });

  it('keeps apart two visits on different dates', () => {
    const text = 'Esmail Qaani arrived in Baghdad on Wednesday. During his December 2020 visit, Qaani met al-Kadhimi.';
    const visits = coder.extract({ text, publishedAt: '2021-06-09' }).filter((e) => e.type === 'VisitMade');
    expect(visits.map((v) => v.date.start).sort()).toEqual(['2020-12-01', '2021-06-09']);
  });

  it('keeps apart events of one type by different actors', () => {
    const text =
      'The United States imposed sanctions on Falih al-Fayyadh. The European Union imposed sanctions on Iran.';
    const s = coder.extract({ text, publishedAt: '2021-01-09' }).filter((e) => e.type === 'SanctionsImposed');
    expect(s).toHaveLength(2);
  });

  it('links a letter with the demand it carries', () => {
    const text = 'Kadhimi sent a strongly worded letter to Tehran, demanding Iran halt the militias.';
    const events = coder.extract({ text, publishedAt: '2021-04-07' });
    const letter = events.find((e) => e.type === 'LetterSent')!;
    const demand = events.find((e) => e.type === 'DemandIssued')!;
    expect(letter.links).toContain(demand.id);
    expect(demand.links).toContain(letter.id);
    expect(demand.target[0]!.id).toBe('iran');
  });

  it('dates a when-clause by the date it hangs on', () => {
    const text = 'The hostages were seized on October 7, when Hamas militants attacked Israel.';
    const attack = coder.extract({ text, publishedAt: '2023-11-22' }).find((e) => e.type === 'AttackCarriedOut')!;
    expect(attack.date).toMatchObject({ start: '2023-10-07', end: '2023-10-07', precision: 'day' });
  });
});
