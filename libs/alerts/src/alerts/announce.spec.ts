import { announcement } from './announce.js';

const active = (sourceCount: number, outletCount = sourceCount) => ({
  status: 'active' as const,
  sourceCount,
  outletCount,
});
const retracted = { status: 'retracted' as const, sourceCount: 1, outletCount: 1 };

describe('announcement', () => {
  it('raises a new active alert, and never announces one that was never active', () => {
    expect(announcement(undefined, active(1), true)).toBe('raised');
    expect(announcement(undefined, active(1), false)).toBe('raised');
    expect(announcement(undefined, retracted, true)).toBeNull();
  });

  it('announces nothing when the state is what was last announced (a rebuild recomputing it)', () => {
    expect(announcement(active(2), active(2), true)).toBeNull();
    expect(announcement(retracted, retracted, true)).toBeNull();
    expect(announcement(retracted, retracted, false)).toBeNull();
  });

  it('records a change of sources as an update, a retraction as such, and a comeback as raised again', () => {
    expect(announcement(active(1), active(2), true)).toBe('updated');
    expect(announcement(active(2, 1), active(2, 2), true)).toBe('updated');
    expect(announcement(active(2), retracted, true)).toBe('retracted');
    expect(announcement(retracted, active(1), true)).toBe('raised');
  });

  it('tells a subscription without updates of no change of sources, but still of its retraction and of a raise again', () => {
    expect(announcement(active(1), active(2), false)).toBeNull();
    expect(announcement(active(1), active(5, 3), false)).toBeNull();
    // The last announced state is the raise (sources 1): the retraction is judged against it.
    expect(announcement(active(1), retracted, false)).toBe('retracted');
    expect(announcement(retracted, active(3), false)).toBe('raised');
  });
});
