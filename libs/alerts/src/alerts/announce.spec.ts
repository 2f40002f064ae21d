import { announcement } from './announce.js';

const active = (sourceCount: number, outletCount = sourceCount) => ({ status: 'active' as const, sourceCount, outletCount });
const retracted = { status: 'retracted' as const, sourceCount: 1, outletCount: 1 };

describe('announcement', () => {
  it('raises a new active alert, and never announces one that was never active', () => {
    expect(announcement(undefined, active(1))).toBe('raised');
    expect(announcement(undefined, retracted)).toBeNull();
  });

  it('announces nothing when the state is what was last announced (a rebuild recomputing it)', () => {
    expect(announcement(active(2), active(2))).toBeNull();
    expect(announcement(retracted, retracted)).toBeNull();
  });

  it('records a change of sources as an update, a retraction as such, and a comeback as raised again', () => {
    expect(announcement(active(1), active(2))).toBe('updated');
    expect(announcement(active(2, 1), active(2, 2))).toBe('updated');
    expect(announcement(active(2), retracted)).toBe('retracted');
    expect(announcement(retracted, active(1))).toBe('raised');
  });
});
