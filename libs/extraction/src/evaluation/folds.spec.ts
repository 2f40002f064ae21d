import { foldOf, isLookedAt, LOOKED_AT } from './folds.js';

describe('dev corpus folds', () => {
  it('puts the articles tuned on before folds existed in f0', () => {
    expect(foldOf('ap-2021-04-07-kadhimi-letter')).toBe('f0');
    expect(foldOf('19-iran-saudi-fifth-round-baghdad-iranintl')).toBe('f0');
  });

  it('spreads a numbered regional group over f1..f4 by its number', () => {
    expect(['21-a', '22-b', '23-c', '24-d'].map(foldOf)).toEqual(['f1', 'f2', 'f3', 'f4']);
    expect(['45-x', '46-y', '47-z', '48-w'].map(foldOf)).toEqual(['f1', 'f2', 'f3', 'f4']);
  });

  it('gives an unnumbered id a stable fold of f1..f4', () => {
    const f = foldOf('reuters-2024-some-story');
    expect(f).toMatch(/^f[1-4]$/);
    expect(foldOf('reuters-2024-some-story')).toBe(f);
  });

  it('keeps at least one fold unseen', () => {
    expect(['f1', 'f2', 'f3', 'f4'].some((f) => !isLookedAt(f))).toBe(true);
    expect(LOOKED_AT).toContain('f0');
  });
});
