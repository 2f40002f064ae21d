import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodedEvent } from '#domain';
import { findProjectRoot } from './actors/project-root.js';
import { createCoder, type Coder } from './coder.js';
import { loadCorpus } from './evaluation/gold.js';
import { scoreArticle } from './evaluation/score.js';

const root = findProjectRoot(import.meta.url);
const devDir = join(root, '..', 'shared', 'corpus', 'dev');
let coder: Coder;
beforeAll(() => {
  coder = createCoder();
});

function evidenceIsExact(text: string, events: CodedEvent[]): void {
  for (const e of events) {
    expect(e.evidence.length).toBeGreaterThan(0);
    for (const ev of e.evidence) {
      expect(ev.start).toBeGreaterThanOrEqual(0);
      expect(ev.end).toBeLessThanOrEqual(text.length);
      expect(text.slice(ev.start, ev.end)).toBe(ev.text);
    }
  }
}

describe('the seed article (AP, 2021-04-07)', () => {
  const id = 'ap-2021-04-07-kadhimi-letter';
  const text = readFileSync(join(devDir, `${id}.txt`), 'utf8');
  let events: CodedEvent[];
  beforeAll(() => {
    events = coder.extract({ text, publishedAt: '2021-04-07' });
  });

  it('yields all 15 required gold events', () => {
    const gold = loadCorpus(devDir).find((a) => a.id === id)!;
    const s = scoreArticle(text, events, gold.events);
    expect(gold.events.filter((g) => g.required)).toHaveLength(15);
    expect(s.missed).toEqual([]);
  });

  it('codes the Iraq-US talks as held on Wednesday 2021-04-07', () => {
    const talks = events.filter((e) => e.type === 'TalksStarted' && e.date.start === '2021-04-07');
    expect(talks).toHaveLength(1);
    const sides = [...talks[0]!.agent, ...talks[0]!.target].map((a) => a.country);
    expect(sides).toEqual(expect.arrayContaining(['IRQ', 'USA']));
    expect(talks[0]!.date).toMatchObject({ end: '2021-04-07', precision: 'day' });
  });

  it("codes al-Kadhimi's letter to Iran", () => {
    const letters = events.filter((e) => e.type === 'LetterSent');
    expect(letters).toHaveLength(1);
    expect(letters[0]!.agent.map((a) => a.id)).toEqual(['mustafa-al-kadhimi']);
    expect(letters[0]!.target.map((a) => a.id)).toEqual(['iran']);
    expect(letters[0]!.links?.length).toBeGreaterThan(0);
  });

  it("codes Qaani's visit to Iraq, Qhaani and Ghaani being one person", () => {
    const visit = events.find((e) => e.type === 'VisitMade' && e.agent.some((a) => a.id === 'esmail-qaani'));
    expect(visit).toBeDefined();
    expect(visit!.target.map((a) => a.id)).toEqual(['iraq']);
    expect(visit!.date).toMatchObject({ start: '2021-04-05', end: '2021-04-07', precision: 'week' });
    const other = createCoder().extract({
      text: 'Maj. Gen. Esmail Ghaani visited Baghdad on Monday.',
      publishedAt: '2021-04-07',
    });
    expect(other[0]!.agent[0]!.id).toBe('esmail-qaani');
  });

  it('codes the US waiver for Iraq in March 2021', () => {
    const waiver = events.find((e) => e.type === 'WaiverGranted');
    expect(waiver!.agent[0]!.country).toBe('USA');
    expect(waiver!.target.map((a) => a.id)).toEqual(['iraq']);
    expect(waiver!.date).toMatchObject({ start: '2021-03-01', end: '2021-03-31', precision: 'month' });
  });

  it('never takes a photo credit for an actor', () => {
    for (const e of events)
      for (const a of [...e.agent, ...e.target])
        expect(a.id).not.toMatch(/khalid-mohammed|nasser|rubaye|associated-press/);
  });
});

describe('robustness', () => {
  it('gives no events for empty or wordless text', () => {
    expect(coder.extract({ text: '', publishedAt: '2021-04-07' })).toEqual([]);
    expect(coder.extract({ text: '   \n\n  ', publishedAt: '2021-04-07' })).toEqual([]);
  });

  it('survives binary garbage', () => {
    let seed = 7;
    const bytes = Array.from({ length: 20000 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 65536);
    const text = String.fromCharCode(...bytes.slice(0, 10000)) + String.fromCharCode(...bytes.slice(10000));
    const events = coder.extract({ text, publishedAt: '2021-04-07' });
    evidenceIsExact(text, events);
  });

  it('codes a 1 MB text, evidence offsets exact', () => {
    const seed = readFileSync(join(devDir, 'ap-2021-04-07-kadhimi-letter.txt'), 'utf8');
    const text = seed.repeat(Math.ceil(1_000_000 / seed.length));
    const events = coder.extract({ text, publishedAt: '2021-04-07' });
    expect(events.length).toBeGreaterThan(10);
    evidenceIsExact(text, events);
  });

  it('keeps evidence offsets exact on every dev article', () => {
    for (const a of loadCorpus(devDir))
      evidenceIsExact(a.text, coder.extract({ text: a.text, publishedAt: a.publishedAt }));
  });

  it('rejects a malformed publication date', () => {
    expect(() => coder.extract({ text: 'Iran met Iraq.', publishedAt: '7 April 2021' })).toThrow(/YYYY-MM-DD/);
  });
});
