import type { CodedEvent } from '#domain';
import { codeBounded, type CodePart } from './bounded-coding.js';
import { createCoder } from './coder.js';
import { createAnalyser } from './sentences/analyse.js';
import { LIMITS } from './sentences/limits.js';
import type { Analysis } from './sentences/tokens.js';

const analyser = createAnalyser();
const coder = createCoder();
const publishedAt = '2021-05-12';

/** The real coder on one part alone: everything outside its sentences blanked (line breaks kept), offsets unchanged. */
function realPartCoder(text: string, poisoned: (sentences: string[]) => boolean): CodePart {
  return (part: Analysis) => {
    const sentences = part.sentences.map((s) => text.slice(s.start, s.end));
    if (poisoned(sentences)) throw new TypeError('poisoned sentence');
    const masked = [...text].map((c) => (c === '\n' ? '\n' : ' '));
    const chars = masked.join('').split('');
    for (const s of part.sentences) for (let i = s.start; i < s.end; i++) chars[i] = text[i]!;
    return coder.extract({ text: chars.join(''), publishedAt, language: 'en' });
  };
}

const evidenceIsExact = (text: string, events: CodedEvent[]): void => {
  for (const e of events) for (const span of e.evidence) expect(text.slice(span.start, span.end)).toBe(span.text);
};

describe('coding in bounded parts', () => {
  const text = [
    'Iraq and Iran began a new round of talks in Baghdad on Tuesday.',
    'POISON: Iran accused Iraq of harbouring militants.',
    'The United States imposed sanctions on Iran on Monday.',
  ].join('\n');

  it('leaves out a sentence whose coding throws, reports it, and codes the rest of the article', () => {
    const result = codeBounded(
      text,
      analyser,
      realPartCoder(text, (ss) => ss.some((s) => s.startsWith('POISON'))),
    );
    expect(result.problems).toEqual([
      {
        kind: 'skipped',
        start: text.indexOf('POISON'),
        end: text.indexOf('militants.') + 10,
        error: 'TypeError: poisoned sentence',
      },
    ]);
    expect(result.events.map((e) => e.type).sort()).toEqual(['SanctionsImposed', 'TalksStarted']);
    expect(result.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    evidenceIsExact(text, result.events);
  });

  it('codes sentences one by one when they throw only together', () => {
    const together = (ss: string[]): boolean =>
      ss.some((s) => s.startsWith('Iraq and Iran')) && ss.some((s) => s.startsWith('The United States'));
    const result = codeBounded(text, analyser, realPartCoder(text, together));
    expect(result.problems).toEqual([
      { kind: 'isolated', start: 0, end: text.length, error: 'TypeError: poisoned sentence' },
    ]);
    expect(result.events.map((e) => e.type)).toEqual(['TalksStarted', 'AccusationMade', 'SanctionsImposed']);
    expect(result.events.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
  });

  it('numbers the events of all parts in order and keeps their links', () => {
    const letter =
      'Iraqi Prime Minister Mustafa al-Kadhimi sent a letter to Iran demanding that it rein in the militias.';
    const long = [text.replace('POISON: ', ''), letter, text.replace('POISON: ', ''), letter].join('\n');
    const result = codeBounded(
      long,
      analyser,
      realPartCoder(long, () => false),
      { ...LIMITS, partSentences: 2 },
    );
    const ids = result.events.map((e) => e.id);
    expect(ids).toEqual(ids.map((_, i) => `e${i + 1}`));
    const letters = result.events.filter((e) => e.type === 'LetterSent');
    expect(letters).toHaveLength(2);
    for (const l of letters) {
      expect(l.links?.length).toBe(1);
      const demand = result.events.find((e) => e.id === l.links![0])!;
      expect(demand.type).toBe('DemandIssued');
      expect(demand.links).toEqual([l.id]);
    }
    evidenceIsExact(long, result.events);
  });

  it('stops at the article budgets and says where', () => {
    const bySentences = codeBounded(
      text.replace('POISON: ', ''),
      analyser,
      realPartCoder(text, () => false),
      { ...LIMITS, articleSentences: 1 },
    );
    expect(bySentences.truncated).toEqual({
      from: text.indexOf('Iran accused') - 'POISON: '.length,
      reason: 'more than 1 sentences',
    });
    expect(bySentences.events.map((e) => e.type)).toEqual(['TalksStarted']);
    const big = 'Iran met Iraq on Monday. '.repeat(400);
    const byTokens = codeBounded(big, analyser, () => [], { ...LIMITS, windowChars: 1_000, articleTokens: 500 });
    expect(byTokens.truncated?.reason).toBe('more than 500 tokens');
    expect(byTokens.truncated!.from).toBeGreaterThan(2_000);
    expect(byTokens.truncated!.from).toBeLessThan(4_000);
  });

  it('drops an event whose date no calendar holds, and says so', () => {
    const event = (id: string, start: string): CodedEvent => ({
      id,
      type: 'TalksStarted',
      agent: [{ name: 'Iraq', id: 'iraq', country: 'IRQ', sector: 'GOV' }],
      target: [],
      date: { start, end: start, precision: 'day' },
      modality: 'asserted',
      evidence: [{ start: 0, end: 4, text: 'Iraq' }],
      confidence: 0.5,
      cameo: '046',
      goldstein: 7,
      plover: 'CONSULT',
    });
    const result = codeBounded('Iraq held talks.', analyser, () => [
      event('e1', '0000-12-25'),
      event('e2', '2021-05-11'),
    ]);
    expect(result.events.map((e) => e.date.start)).toEqual(['2021-05-11']);
    expect(result.problems).toEqual([
      { kind: 'event-dropped', start: 0, end: 4, error: 'TalksStarted dated 0000-12-25..0000-12-25' },
    ]);
  });
});
