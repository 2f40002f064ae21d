import { mergeBody, mergeProblems, mergeTarget, splitBody, splitProblems } from './incident-corrections';

describe('merging incidents', () => {
  it('keeps the chosen incident while it is selected, else the first selected', () => {
    expect(mergeTarget(['a', 'b'], 'b')).toBe('b');
    expect(mergeTarget(['a', 'c'], 'b')).toBe('a');
    expect(mergeTarget(['a'], null)).toBe('a');
    expect(mergeTarget([], 'b')).toBeNull();
  });

  it('asks for two incidents at least, the one to keep among them, and a reason', () => {
    expect(mergeProblems(['a'], 'a', 'same event')).toEqual(['select at least 2 incidents']);
    expect(mergeProblems(['a', 'b'], 'c', 'same event')).toEqual(['choose the incident to keep']);
    expect(mergeProblems(['a', 'b'], 'a', '  x ')).toEqual(['say why (3+ characters)']);
    expect(mergeProblems([], null, '')).toEqual(['select at least 2 incidents', 'say why (3+ characters)']);
    expect(mergeProblems(['a', 'b'], 'b', 'one letter, two reports')).toEqual([]);
  });

  it('sends the trimmed reason', () => {
    expect(mergeBody(['a', 'b'], 'b', '  same letter \n')).toEqual({
      incidentIds: ['a', 'b'],
      into: 'b',
      reason: 'same letter',
    });
  });
});

describe('splitting an incident', () => {
  it('asks for some events, not all of them, and a reason', () => {
    expect(splitProblems([], 3, 'two events')).toEqual(['pick the events to take out']);
    expect(splitProblems(['e1', 'e2'], 2, 'two events')).toEqual(['leave at least one event in the incident']);
    expect(splitProblems(['e1'], 2, 'no')).toEqual(['say why (3+ characters)']);
    expect(splitProblems(['e1'], 2, 'a different visit')).toEqual([]);
  });

  it('sends the events and the trimmed reason', () => {
    expect(splitBody(['e2'], ' a different visit ')).toEqual({ eventIds: ['e2'], reason: 'a different visit' });
  });
});
