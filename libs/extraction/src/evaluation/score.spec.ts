import type { CodedEvent } from '#domain';
import type { GoldEvent } from './gold.js';
import { aggregate, scoreArticle } from './score.js';

const text = 'Iraq and the US held talks. Iran sent a letter to Iraq. Iran sent a note.';
const iraq = { name: 'Iraq', id: 'iraq', country: 'IRQ', sector: 'GOV' as const };
const us = { name: 'United States', id: 'united-states', country: 'USA', sector: 'GOV' as const };
const iran = { name: 'Iran', id: 'iran', country: 'IRN', sector: 'GOV' as const };
const day = { start: '2021-04-07', end: '2021-04-07', precision: 'day' as const };

function coded(
  type: CodedEvent['type'],
  phrase: string,
  agent = [iran],
  target = [iraq],
  extra: Partial<CodedEvent> = {},
): CodedEvent {
  const start = text.indexOf(phrase);
  return {
    id: 'x',
    type,
    agent,
    target,
    date: day,
    modality: 'asserted',
    evidence: [{ start, end: start + phrase.length, text: phrase }],
    confidence: 1,
    cameo: null,
    goldstein: null,
    plover: null,
    ...extra,
  };
}
function gold(
  type: GoldEvent['type'],
  evidence: string[],
  agent = [iran],
  target = [iraq],
  required = true,
): GoldEvent {
  return { type, required, agent, target, date: day, modality: 'asserted', evidence };
}

describe('scoreArticle', () => {
  it('matches on type, overlapping evidence and countries', () => {
    const s = scoreArticle(text, [coded('LetterSent', 'sent a letter')], [gold('LetterSent', ['a letter to Iraq'])]);
    expect(s.matched).toEqual([[0, 0]]);
  });

  it('refuses a wrong type, disjoint evidence or a wrong country', () => {
    const g = [gold('LetterSent', ['a letter to Iraq'])];
    expect(scoreArticle(text, [coded('MeetingHeld', 'sent a letter')], g).matched).toEqual([]);
    expect(scoreArticle(text, [coded('LetterSent', 'held talks')], g).matched).toEqual([]);
    expect(scoreArticle(text, [coded('LetterSent', 'sent a letter', [us])], g).matched).toEqual([]);
    expect(scoreArticle(text, [coded('LetterSent', 'sent a letter', [iran], [])], g).matched).toEqual([]);
  });

  it('compares both sides together for symmetric types', () => {
    const g = [gold('TalksStarted', ['held talks'], [iraq], [us])];
    expect(scoreArticle(text, [coded('TalksStarted', 'held talks', [us], [])], g).matched).toHaveLength(1);
  });

  it('puts no constraint where gold names no actor', () => {
    const g = [gold('LetterSent', ['sent a note'], [], [])];
    expect(scoreArticle(text, [coded('LetterSent', 'sent a note', [us], [])], g).matched).toHaveLength(1);
  });

  it('counts a second event for one gold event as a duplicate', () => {
    const s = scoreArticle(
      text,
      [coded('LetterSent', 'sent a letter'), coded('LetterSent', 'letter to Iraq')],
      [gold('LetterSent', ['a letter to Iraq'])],
    );
    expect(s.matched).toHaveLength(1);
    expect(s.duplicates).toHaveLength(1);
  });

  it('neither rewards nor penalises optional gold', () => {
    const s = scoreArticle(
      text,
      [coded('LetterSent', 'sent a note')],
      [gold('LetterSent', ['sent a note'], [iran], [iraq], false)],
    );
    expect(s.optional).toEqual([0]);
    expect(s.falsePositives).toEqual([]);
    const agg = aggregate([
      {
        text,
        coded: [coded('LetterSent', 'sent a note')],
        gold: [gold('LetterSent', ['sent a note'], [iran], [iraq], false)],
      },
    ]);
    expect(agg.micro).toMatchObject({ tp: 0, fp: 0, fn: 0 });
  });

  it('matches one to one, maximising matches', () => {
    // coded 0 fits both gold events, coded 1 only the first: both must be matched
    const g = [gold('LetterSent', ['sent a letter']), gold('LetterSent', ['Iran sent a note'])];
    const c = [
      coded('LetterSent', 'Iran sent a letter to Iraq. Iran sent a note'),
      coded('LetterSent', 'sent a letter'),
    ];
    expect(scoreArticle(text, c, g).matched).toHaveLength(2);
  });
});

describe('aggregate', () => {
  it('reports micro and macro F1 and accuracies among matched', () => {
    const items = [
      {
        text,
        coded: [coded('LetterSent', 'sent a letter'), coded('MeetingHeld', 'held talks', [iraq], [us])],
        gold: [gold('LetterSent', ['sent a letter']), gold('TalksStarted', ['held talks'], [iraq], [us])],
      },
    ];
    const s = aggregate(items);
    expect(s.micro).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(s.micro.f1).toBeCloseTo(0.5);
    expect(s.macroF1).toBeCloseTo(0.5); // LetterSent 1.0, TalksStarted 0.0; MeetingHeld is not in gold
    expect(s.dateAccuracy).toBe(1);
    expect(s.modalityAccuracy).toBe(1);
    expect(s.agentIdAccuracy).toBe(1);
  });
});
