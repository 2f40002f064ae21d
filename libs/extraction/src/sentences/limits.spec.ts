import { breakLongRuns } from './limits.js';

const longestRun = (s: string): number => Math.max(0, ...s.split(/[ \t\n\v\f\r]/).map((run) => run.length));

describe('breakLongRuns (what wink is given to read)', () => {
  it('leaves ordinary text untouched', () => {
    const text = 'Iraq and Iran held talks on Monday.\nOfficials said so.';
    expect(breakLongRuns(text, 64)).toBe(text);
  });

  it('keeps the length and offsets, and no run is longer than the limit', () => {
    for (const text of [
      'a'.repeat(1_000),
      `x ${'ab-'.repeat(500)} y`,
      'Iran\u00a0'.repeat(300),
      '\u200b'.repeat(200),
    ]) {
      const safe = breakLongRuns(text, 64);
      expect(safe).toHaveLength(text.length);
      expect(longestRun(safe)).toBeLessThanOrEqual(64);
      for (let i = 0; i < text.length; i++) if (safe[i] !== ' ') expect(safe[i]).toBe(text[i]);
    }
  });

  it('never leaves half of a surrogate pair', () => {
    const safe = breakLongRuns('😀'.repeat(100), 7);
    expect(safe).toHaveLength(200);
    expect(longestRun(safe)).toBeLessThanOrEqual(7);
    expect(safe.replace(/😀| /g, '')).toBe('');
  });
});
