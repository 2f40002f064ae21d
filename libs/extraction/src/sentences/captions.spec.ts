import { createCoder } from '../coder.js';
import { createAnalyser } from './analyse.js';
import { findCaptions } from './captions.js';

describe('captions and credits', () => {
  const text = [
    'Iraq and Iran hold talks',
    '',
    'Protesters rally outside the Iranian consulate in Basra, Iraq, July 15, 2020. (AP Photo/Nabil al-Jurani)',
    'BAGHDAD (AP) — Iraq and Iran held talks on Monday.',
    'This undated photo released by the office shows Maj. Gen. Esmail Ghaani. (Office of the Iranian Supreme Leader via AP)',
  ].join('\n');

  it('marks caption paragraphs and credit ranges', () => {
    const c = findCaptions(text);
    expect(c.paragraphs).toHaveLength(2);
    const credits = c.credits.map(([s, e]) => text.slice(s, e));
    expect(credits).toContain('(AP Photo/Nabil al-Jurani)');
    expect(credits).toContain('(Office of the Iranian Supreme Leader via AP)');
    expect(credits.some((x) => x.startsWith('BAGHDAD (AP)'))).toBe(true);
  });

  it('splits sentences at line breaks and flags caption sentences', () => {
    const a = createAnalyser().analyse(text);
    expect(a.sentences[0]!.headline).toBe(true);
    expect(a.sentences.filter((s) => s.caption).length).toBeGreaterThanOrEqual(2);
    expect(a.tokens.find((t) => t.value === 'Jurani')!.credit).toBe(true);
  });

  it('codes no event from a caption alone', () => {
    const events = createCoder().extract({ text, publishedAt: '2021-05-12' });
    expect(events.filter((e) => e.type === 'ProtestHeld')).toEqual([]);
    expect(events.filter((e) => e.type === 'TalksStarted')).toHaveLength(1);
  });
});
