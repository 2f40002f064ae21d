// No text crashes or stalls the coder: the sentence that used to throw, random
// hostile mixtures (the fuzz: a failing case names its seed), and every
// worst-case shape of the benchmark at a size a unit test can afford.
import type { CodedEvent } from '#domain';
import { createCoder, type Coder, type CodingResult } from './coder.js';
import { HOSTILE_SHAPES, randomHostileText, seededRandom } from './evaluation/hostile-texts.js';

let coder: Coder;
beforeAll(() => {
  coder = createCoder();
});

function expectSound(text: string, result: CodingResult): void {
  const ids = new Set(result.events.map((e: CodedEvent) => e.id));
  expect(ids.size).toBe(result.events.length);
  for (const e of result.events) {
    for (const span of e.evidence) expect(text.slice(span.start, span.end)).toBe(span.text);
    for (const link of e.links ?? []) expect(ids.has(link)).toBe(true);
    expect(e.date.start <= e.date.end).toBe(true);
    expect(e.date.start >= '0001-01-01').toBe(true);
  }
  expect(() => JSON.stringify(result)).not.toThrow();
}

describe('the coder on hostile text', () => {
  it('codes the rest of an article around "A strongly worded letter demanded that the troops leave."', () => {
    const text = [
      'Iraq and Iran began a new round of talks in Baghdad on Tuesday.',
      'A strongly worded letter demanded that the troops leave.',
      'The United States imposed sanctions on Iran on Monday.',
    ].join('\n');
    const result = coder.code({ text, publishedAt: '2021-05-12' });
    expect(result.problems).toEqual([]);
    expect(result.events.map((e) => e.type).sort()).toEqual(['SanctionsImposed', 'TalksStarted']);
  });

  it('throws on no random mix of punctuation, long words, unicode, control characters, HTML (fuzz, 300 seeds)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const text = randomHostileText(random, 1 + Math.floor(random() * 4_000));
      let result: CodingResult | undefined;
      try {
        result = coder.code({ text, publishedAt: '2021-04-07', language: 'en' });
      } catch (error) {
        throw new Error(`seed ${seed}: ${(error as Error).stack}`);
      }
      // a problem means some stage threw on this text: the isolation saved the article, but it is a bug to fix
      if (result.problems.length) throw new Error(`seed ${seed}: ${JSON.stringify(result.problems)}`);
      expectSound(text, result);
    }
  });

  it.each(Object.keys(HOSTILE_SHAPES))('codes 100 KB of "%s"', (shape) => {
    const text = HOSTILE_SHAPES[shape]!(100_000);
    const result = coder.code({ text, publishedAt: '2021-04-07', language: 'en' });
    expect(result.problems).toEqual([]);
    expectSound(text, result);
  });

  it('refuses a publication date that is no calendar day, and dates no event before year 1', () => {
    expect(() => coder.code({ text: 'Iran met Iraq.', publishedAt: '2021-02-30' })).toThrow(
      'publishedAt must be a date YYYY-MM-DD, got 2021-02-30',
    );
    expect(() => coder.code({ text: 'Iran met Iraq.', publishedAt: '0000-01-01' })).toThrow(/publishedAt/);
    const text = 'Iran accused Iraq last week. Iraq and Iran held talks in December.';
    const result = coder.code({ text, publishedAt: '0001-01-01', language: 'en' });
    expectSound(text, result);
    expect(result.problems.every((p) => p.kind === 'event-dropped')).toBe(true);
  });
});
