import { enoughSources, evaluateRule } from './evaluate.js';
import { subject } from './testing.js';

const waiver = subject('WaiverGranted', [['united-states', 'USA']], [['iraq', 'IRQ']]);

describe('evaluateRule', () => {
  it('matches "WaiverGranted involving Iraq" and says which clauses held and why', () => {
    expect(evaluateRule({ eventTypes: ['WaiverGranted'], countries: ['IRQ'] }, waiver)).toEqual([
      { clause: 'eventTypes', expected: ['WaiverGranted'], actual: 'WaiverGranted' },
      {
        clause: 'countries',
        role: 'either',
        expected: ['IRQ'],
        matched: [{ side: 'target', actorId: 'iraq', country: 'IRQ' }],
      },
    ]);
  });

  it('refuses on any clause that does not hold', () => {
    expect(evaluateRule({ eventTypes: ['SanctionsImposed'] }, waiver)).toBeNull();
    expect(evaluateRule({ countries: ['IRN'] }, waiver)).toBeNull();
    expect(evaluateRule({ modalities: ['negated'] }, waiver)).toBeNull();
    expect(evaluateRule({ actorIds: ['iran'] }, waiver)).toBeNull();
  });

  it('distinguishes agent and target sides, except for symmetric types', () => {
    expect(evaluateRule({ countries: ['IRQ'], countryRole: 'agent' }, waiver)).toBeNull();
    expect(evaluateRule({ countries: ['IRQ'], countryRole: 'target' }, waiver)).not.toBeNull();
    const talks = subject('TalksStarted', [['united-states', 'USA']], [['iraq', 'IRQ']]);
    expect(evaluateRule({ countries: ['IRQ'], countryRole: 'agent' }, talks)).not.toBeNull();
    expect(evaluateRule({ actorIds: ['united-states'], actorRole: 'target' }, talks)).not.toBeNull();
  });

  it('checks the Goldstein range inclusively and never matches an event without a score', () => {
    expect(evaluateRule({ goldstein: { min: 5 } }, waiver)).toEqual([{ clause: 'goldstein', min: 5, actual: 5 }]);
    expect(evaluateRule({ goldstein: { max: 4.9 } }, waiver)).toBeNull();
    expect(evaluateRule({ goldstein: { min: -10 } }, subject('ElectionHeld', [['iraq', 'IRQ']], []))).toBeNull();
  });

  it('finds whole words of the evidence, case-insensitively, with their offsets in the article', () => {
    expect(evaluateRule({ words: ['Sanctions waiver', 'embargo'] }, waiver)).toEqual([
      {
        clause: 'words',
        expected: ['Sanctions waiver', 'embargo'],
        matched: [{ word: 'Sanctions waiver', evidenceIndex: 0, start: 113, end: 129 }],
      },
    ]);
    expect(evaluateRule({ words: ['waive'] }, waiver)).toBeNull();
    expect(evaluateRule({ words: ['raq'] }, waiver)).toBeNull();
  });

  it('an empty rule matches every asserted event, and nothing that did not happen', () => {
    expect(evaluateRule({}, waiver)).toEqual([]);
    for (const modality of ['future', 'hypothetical', 'negated'] as const) {
      expect(evaluateRule({}, { ...waiver, modality })).toBeNull();
      expect(evaluateRule({ eventTypes: ['WaiverGranted'] }, { ...waiver, modality })).toBeNull();
    }
  });

  it('matches other modalities only when the rule names them, and says so', () => {
    const threatened = { ...waiver, modality: 'hypothetical' as const };
    expect(evaluateRule({ modalities: ['asserted', 'hypothetical'] }, threatened)).toEqual([
      { clause: 'modalities', expected: ['asserted', 'hypothetical'], actual: 'hypothetical' },
    ]);
    expect(evaluateRule({ modalities: ['asserted'] }, threatened)).toBeNull();
  });

  it('counts independent sources as distinct outlets', () => {
    expect(enoughSources({}, 1)).toBe(true);
    expect(enoughSources({ minSources: 2 }, 1)).toBe(false);
    expect(enoughSources({ minSources: 2 }, 2)).toBe(true);
  });
});
