import { createAnalyser } from './analyse.js';
import { partsOf, selectSentences, windowsOf } from './parts.js';

describe('windows of a long text', () => {
  it('cover the text without gaps, each at most the limit', () => {
    const text = 'Iran met Iraq. '.repeat(300) + 'x'.repeat(2_000) + '\n' + 'word '.repeat(500);
    const windows = windowsOf(text, 1_000);
    expect(windows[0]![0]).toBe(0);
    expect(windows.at(-1)![1]).toBe(text.length);
    for (let i = 0; i < windows.length; i++) {
      const [start, end] = windows[i]!;
      expect(end - start).toBeLessThanOrEqual(1_000);
      expect(end).toBeGreaterThan(start);
      if (i > 0) expect(start).toBe(windows[i - 1]![1]);
    }
  });

  it('end at a line break, else after a sentence, else at a space', () => {
    expect(windowsOf(`${'a '.repeat(300)}\n${'b '.repeat(300)}`, 1_000)[0]).toEqual([0, 601]);
    const sentences = 'Iran met Iraq. '.repeat(100);
    const [, end] = windowsOf(sentences, 500)[0]!;
    expect(sentences.slice(end - 2, end)).toBe('. ');
    expect(windowsOf('abc '.repeat(300), 501)[0]).toEqual([0, 500]);
    expect(windowsOf('x'.repeat(1_200), 500).map(([s, e]) => e - s)).toEqual([500, 500, 200]);
  });
});

describe('parts of an analysis', () => {
  const analyser = createAnalyser();
  const text = 'Iran met Iraq. Syria met Egypt. Oman met Qatar. Chad met Mali. Peru met Chile.';

  it('select sentences and number them anew, offsets unchanged', () => {
    const a = analyser.analyse(text);
    const b = selectSentences(a, [1, 3]);
    expect(b.sentences.map((s) => text.slice(s.start, s.end))).toEqual(['Syria met Egypt.', 'Chad met Mali.']);
    expect(b.sentences.map((s) => s.index)).toEqual([0, 1]);
    expect(b.tokens.map((t) => t.sentence)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(b.sentences[1]!.first).toBe(4);
    expect(b.tokens[0]!.value).toBe('Syria');
  });

  it('cut an analysis into parts of at most so many sentences', () => {
    const parts = partsOf(analyser.analyse(text), 2);
    expect(parts.map((p) => p.sentences.length)).toEqual([2, 2, 1]);
    expect(parts[2]!.tokens.map((t) => t.value).join(' ')).toBe('Peru met Chile .');
  });
});

describe('sentence caps in the analysis', () => {
  const analyser = createAnalyser();

  it('cuts a sentence longer than the token limit into pieces, after a comma when it can', () => {
    const text = 'Iran accused Iraq, and Syria threatened Egypt, '.repeat(40);
    const a = analyser.analyse(text, { sentenceTokens: 20 });
    expect(a.sentences.length).toBeGreaterThan(10);
    for (const s of a.sentences) expect(s.last - s.first).toBeLessThanOrEqual(20);
    expect(a.sentences.slice(0, -1).every((s) => a.tokens[s.last - 1]!.value === ',')).toBe(true);
  });

  it('cuts a sentence spread over too many characters', () => {
    const text = `Iran${' '.repeat(3_000)}accused Iraq.`;
    const a = analyser.analyse(text, { sentenceChars: 2_000 });
    expect(a.sentences.map((s) => text.slice(s.start, s.end))).toEqual(['Iran', 'accused Iraq.']);
  });

  it('analyses a window with the offsets of the whole text, the headline only in the first', () => {
    const text = 'Headline about Iraq\nIran met Iraq on Monday. Syria met Egypt.';
    const a = analyser.analyse(text, { start: 20, end: text.length });
    expect(a.sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Iran met Iraq on Monday.',
      'Syria met Egypt.',
    ]);
    expect(a.sentences.every((s) => !s.headline)).toBe(true);
    expect(analyser.analyse(text).sentences[0]!.headline).toBe(true);
  });
});
