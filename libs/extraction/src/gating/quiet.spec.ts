// Non-political text stays quiet: a negative set written for these tests
// (sports, markets, science, weather, culture, technology) plus the dev
// corpus's negatives (articles whose gold has no required event), held to a
// false-event budget of at most 1 per 10 articles.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findProjectRoot } from '../actors/project-root.js';
import { createCoder, type Coder } from '../coder.js';
import { loadCorpus } from '../evaluation/gold.js';
import { scoreArticle } from '../evaluation/score.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(readFileSync(join(here, 'negatives.fixture.json'), 'utf8')) as {
  articles: Array<{ id: string; text: string }>;
};
const NEGATIVES: Array<[string, string]> = fixture.articles.map((x) => [x.id, x.text]);

/** At most one false event per ten articles. */
const budget = (articles: number): number => Math.floor(articles / 10);

let coder: Coder;
beforeAll(() => {
  coder = createCoder();
});

describe('non-political text', () => {
  it(`our ${NEGATIVES.length} negatives yield at most ${budget(NEGATIVES.length)} false events`, () => {
    const counts = NEGATIVES.map(
      ([id, text]) => [id, coder.extract({ text, publishedAt: '2024-05-12' }).length] as const,
    );
    const total = counts.reduce((n, [, k]) => n + k, 0);
    expect(total).toBeLessThanOrEqual(budget(NEGATIVES.length));
  });

  it('the dev negatives and ours together stay within the budget (only counts are reported)', () => {
    const dev = loadCorpus(join(findProjectRoot(import.meta.url), '..', 'shared', 'corpus', 'dev')).filter((a) =>
      a.events.every((g) => !g.required),
    );
    expect(dev.length).toBeGreaterThanOrEqual(3);
    let falseEvents = 0;
    for (const a of dev)
      falseEvents += scoreArticle(a.text, coder.extract({ text: a.text, publishedAt: a.publishedAt }), a.events)
        .falsePositives.length;
    for (const [, text] of NEGATIVES) falseEvents += coder.extract({ text, publishedAt: '2024-05-12' }).length;
    expect(falseEvents).toBeLessThanOrEqual(Math.max(1, budget(dev.length + NEGATIVES.length)));
  });

  it('a political sentence in the same words still codes', () => {
    const text = 'Brazil and Argentina signed a trade agreement in Buenos Aires on Tuesday, the two governments said.';
    expect(coder.extract({ text, publishedAt: '2024-05-12' }).some((e) => e.type === 'AgreementReached')).toBe(true);
  });
});
