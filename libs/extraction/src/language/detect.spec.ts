import { createCoder } from '../coder.js';
import { detectLanguage, languageOf, primaryLanguage } from './detect.js';
import { LANGUAGE_SAMPLES } from './samples.js';

describe('language of a news text', () => {
  const english = LANGUAGE_SAMPLES.filter((s) => s.language === 'en');
  const others = LANGUAGE_SAMPLES.filter((s) => s.language !== 'en');

  it('takes every English sample for English, those crowded with foreign names too', () => {
    expect(english.filter((s) => detectLanguage(s.text) !== 'en').map((s) => s.text)).toEqual([]);
  });

  it('takes no sample in another language for English', () => {
    expect(others.filter((s) => detectLanguage(s.text) === 'en').map((s) => s.text)).toEqual([]);
  });

  it('names the right language for most of the others', () => {
    const right = others.filter((s) => detectLanguage(s.text) === s.language).length;
    // the misses are Indonesian and Swahili, which eld's 60 languages lack (it answers Malay and others)
    expect(right / others.length).toBeGreaterThanOrEqual(0.9);
  });

  it('says English when it cannot tell', () => {
    expect(detectLanguage('')).toBe('en');
    expect(detectLanguage('1234 5678 !!!')).toBe('en');
  });

  it("takes the sender's language when given, by its primary subtag", () => {
    expect(primaryLanguage('en-GB')).toBe('en');
    expect(primaryLanguage('FR-ca')).toBe('fr');
    expect(primaryLanguage('eng')).toBe('en');
    expect(languageOf({ text: 'Le gouvernement a annoncé de nouvelles sanctions.', language: 'en' })).toBe('en');
    expect(languageOf({ text: 'Iraq and Iran began talks on Tuesday.', language: 'ar' })).toBe('ar');
  });
});

describe('the coder and languages', () => {
  const coder = createCoder();
  const french =
    "Le gouvernement irakien a envoyé une lettre à l'Iran mardi pour exiger le retrait des milices, " +
    'selon des responsables.';

  it('codes nothing in a language it does not read, and says which language it was', () => {
    expect(coder.code({ text: french, publishedAt: '2021-04-07' })).toEqual({
      language: 'fr',
      events: [],
      problems: [],
    });
    expect(
      coder.code({
        text: 'Iraq and Iran began talks in Baghdad on Tuesday.',
        publishedAt: '2021-04-07',
        language: 'ar',
      }).events,
    ).toEqual([]);
  });

  it('codes English, detected or given', () => {
    const text = 'Iraq and Iran began a new round of talks in Baghdad on Tuesday.';
    expect(coder.code({ text, publishedAt: '2021-04-07' })).toMatchObject({
      language: 'en',
      events: [{ type: 'TalksStarted' }],
    });
    expect(coder.code({ text, publishedAt: '2021-04-07', language: 'en-US' }).language).toBe('en');
  });
});
