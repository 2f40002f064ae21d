import { type IncidentFeatures, components, sameIncident } from './matching.js';

const f = (eventId: string, overrides: Partial<IncidentFeatures> = {}): IncidentFeatures => ({
  eventId,
  type: 'WaiverGranted',
  symmetric: false,
  agentCountries: ['USA'],
  targetCountries: ['IRQ'],
  dateStart: '2021-03-20',
  dateEnd: '2021-03-26',
  ...overrides,
});

describe('incident matching', () => {
  it('joins the same type with overlapping sides and dates', () => {
    expect(sameIncident(f('a'), f('b', { dateStart: '2021-03-26', dateEnd: '2021-03-26' }))).toBe(true);
    expect(sameIncident(f('a'), f('b', { dateStart: '2021-03-27', dateEnd: '2021-03-27' }))).toBe(false);
    expect(sameIncident(f('a'), f('b', { type: 'SanctionsImposed' }))).toBe(false);
    expect(sameIncident(f('a'), f('b', { agentCountries: ['IRQ'], targetCountries: ['USA'] }))).toBe(false);
    expect(sameIncident(f('a'), f('b', { targetCountries: [] }))).toBe(true);
  });

  it('takes both sides together for symmetric types', () => {
    const talks = { type: 'TalksStarted', symmetric: true };
    expect(
      sameIncident(
        f('a', { ...talks, agentCountries: ['IRQ'], targetCountries: ['USA'] }),
        f('b', { ...talks, agentCountries: ['USA'], targetCountries: ['IRQ'] }),
      ),
    ).toBe(true);
  });

  it('groups transitively: a bridge joins two events that do not overlap each other', () => {
    const a = f('a', { dateStart: '2021-03-01', dateEnd: '2021-03-05' });
    const bridge = f('bridge', { dateStart: '2021-03-01', dateEnd: '2021-03-31' });
    const c = f('c', { dateStart: '2021-03-20', dateEnd: '2021-03-25' });
    expect(components([a, bridge, c]).map((g) => g.map((x) => x.eventId))).toEqual([['a', 'bridge', 'c']]);
    expect(components([a, c]).map((g) => g.map((x) => x.eventId))).toEqual([['a'], ['c']]);
  });
});
