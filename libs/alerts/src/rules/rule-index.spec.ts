import { EVENT_TYPE_NAMES } from '#domain';
import { evaluateRule } from './evaluate.js';
import { type IndexedRule, RuleIndex } from './rule-index.js';
import { subject } from './testing.js';

const from = new Date('2021-01-01T00:00:00Z');
const rule = (subscriptionId: string, r: IndexedRule['rule'], extra: Partial<IndexedRule> = {}): IndexedRule => ({
  subscriptionId,
  rule: r,
  activeFrom: from,
  ...extra,
});
const at = new Date('2021-04-07T00:00:00Z');

describe('RuleIndex', () => {
  const waiver = subject('WaiverGranted', [['united-states', 'USA']], [['iraq', 'IRQ']]);

  it('hands an event only the rules of its type (or any) and its countries (or any)', () => {
    const index = new RuleIndex([
      rule('waiver-iraq', { eventTypes: ['WaiverGranted'], countries: ['IRQ'] }),
      rule('waiver-any', { eventTypes: ['WaiverGranted'] }),
      rule('iraq-any', { countries: ['IRQ'] }),
      rule('everything', {}),
      rule('sanctions-iraq', { eventTypes: ['SanctionsImposed'], countries: ['IRQ'] }),
      rule('waiver-iran', { eventTypes: ['WaiverGranted'], countries: ['IRN'] }),
    ]);
    expect(
      index
        .candidates(waiver)
        .map((r) => r.subscriptionId)
        .sort(),
    ).toEqual(['everything', 'iraq-any', 'waiver-any', 'waiver-iraq']);
    expect(
      index
        .match(waiver, at)
        .map((h) => h.subscriptionId)
        .sort(),
    ).toEqual(['everything', 'iraq-any', 'waiver-any', 'waiver-iraq']);
  });

  it('still checks the side and the other clauses of a candidate', () => {
    const index = new RuleIndex([
      rule('iraq-as-agent', { countries: ['IRQ'], countryRole: 'agent' }),
      rule('words', { eventTypes: ['WaiverGranted'], words: ['embargo'] }),
    ]);
    expect(index.candidates(waiver)).toHaveLength(2);
    expect(index.match(waiver, at)).toEqual([]);
  });

  it('applies a rule only to events recorded while its subscription existed', () => {
    const index = new RuleIndex([
      rule('later', {}, { activeFrom: new Date('2022-01-01T00:00:00Z') }),
      rule('deleted', {}, { activeUntil: new Date('2021-02-01T00:00:00Z') }),
    ]);
    expect(index.match(waiver, at)).toEqual([]);
    expect(index.match(waiver, new Date('2021-01-15T00:00:00Z')).map((h) => h.subscriptionId)).toEqual(['deleted']);
  });

  it('gives the same hits as checking every rule (1,000 random rules, 500 random events)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const countries = ['IRQ', 'IRN', 'USA', 'SYR', 'ISR', 'TUR', 'SAU', 'IGO'];
    const rules = Array.from({ length: 1_000 }, (_, i) =>
      rule(`s${i}`, {
        ...(random() < 0.8 && { eventTypes: [pick(EVENT_TYPE_NAMES)] }),
        ...(random() < 0.7 && {
          countries: [pick(countries), pick(countries)],
          countryRole: pick(['agent', 'target', 'either'] as const),
        }),
        ...(random() < 0.2 && { goldstein: { min: -5 } }),
      }),
    );
    const index = new RuleIndex(rules);
    for (let i = 0; i < 500; i++) {
      const event = subject(pick(EVENT_TYPE_NAMES), [['a', pick(countries)]], [['b', pick(countries)]]);
      const brute = rules
        .filter((r) => evaluateRule(r.rule, event))
        .map((r) => r.subscriptionId)
        .sort();
      expect(
        index
          .match(event, at)
          .map((h) => h.subscriptionId)
          .sort(),
      ).toEqual(brute);
    }
  });
});
