import { describeClause, describeRule, joinList } from './rule-text';

describe('rules and explanations in words', () => {
  it('joins lists the way people write them', () => {
    expect(joinList([])).toBe('');
    expect(joinList(['IRQ'])).toBe('IRQ');
    expect(joinList(['IRQ', 'IRN', 'USA'])).toBe('IRQ, IRN or USA');
    expect(joinList(['a', 'b'], 'and')).toBe('a and b');
  });

  it('says a rule as one sentence, asserted only by default', () => {
    expect(describeRule({ eventTypes: ['WaiverGranted'], countries: ['IRQ'], countryRole: 'either' })).toBe(
      'WaiverGranted events involving IRQ on either side, that happened, from the first report.',
    );
    expect(
      describeRule({
        eventTypes: ['ThreatIssued', 'AttackCarriedOut'],
        countries: ['USA'],
        countryRole: 'target',
        goldstein: { max: -5 },
        words: ['rocket'],
        modalities: ['asserted', 'hypothetical'],
        minSources: 2,
      }),
    ).toBe(
      'ThreatIssued or AttackCarriedOut events involving USA as the target, with a Goldstein score of at most -5, whose evidence mentions “rocket”, ' +
        'that happened, or are hypothetical, once 2 independent outlets report the incident.',
    );
    expect(describeRule({ actorIds: ['iran'], modalities: ['negated'] })).toBe(
      'Events of any type with iran on either side, that are negated (not ones that happened), from the first report.',
    );
  });

  it('says why an event matched, clause by clause, with names', () => {
    const names = new Map([['iraq', 'Iraq']]);
    expect(
      describeClause(
        {
          clause: 'countries',
          role: 'either',
          expected: ['IRQ'],
          matched: [{ side: 'target', actorId: 'iraq', country: 'IRQ' }],
        },
        names,
      ),
    ).toBe('Iraq (IRQ) is the target');
    expect(describeClause({ clause: 'eventTypes', expected: ['WaiverGranted'], actual: 'WaiverGranted' })).toBe(
      'its type, WaiverGranted, is the one asked for',
    );
    expect(describeClause({ clause: 'goldstein', min: 3, actual: 5 })).toBe('its Goldstein score, 5, is at least 3');
    expect(describeClause({ clause: 'modalities', expected: ['asserted'], actual: 'asserted' })).toBe(
      'it happened (asserted)',
    );
    expect(
      describeClause({
        clause: 'words',
        expected: ['waiver'],
        matched: [{ word: 'waiver', evidenceIndex: 0, start: 1, end: 7 }],
      }),
    ).toBe('its evidence says “waiver”');
  });
});
