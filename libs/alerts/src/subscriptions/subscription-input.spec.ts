import {
  InvalidSubscriptionError,
  createSubscriptionSchema,
  parseSubscriptionInput,
  updateSubscriptionSchema,
} from './subscription-input.js';

const fieldsOf = (
  body: unknown,
  schema: typeof createSubscriptionSchema | typeof updateSubscriptionSchema = createSubscriptionSchema,
) => {
  try {
    parseSubscriptionInput(schema, body);
    return [];
  } catch (error) {
    return (error as InvalidSubscriptionError).fields.map((f) => f.field).sort();
  }
};

describe('subscription input', () => {
  it('accepts "WaiverGranted involving Iraq" to the queue and a webhook, upper-casing countries', () => {
    const parsed = parseSubscriptionInput(createSubscriptionSchema, {
      name: 'WaiverGranted involving Iraq',
      rule: { eventTypes: ['WaiverGranted'], countries: ['irq'] },
      delivery: { queue: true, webhook: { url: 'https://hooks.example.org/alerts' } },
    });
    expect(parsed.rule.countries).toEqual(['IRQ']);
  });

  it('names every bad field', () => {
    expect(
      fieldsOf({
        name: '',
        rule: { eventTypes: ['Waiver'], countries: ['Iraq'], goldstein: { min: 5, max: 1 }, minSources: 0, typo: 1 },
        delivery: { webhook: { url: 'ftp://x', secret: 'nope' } },
      }),
    ).toEqual([
      'delivery.webhook.secret',
      'delivery.webhook.url',
      'name',
      'rule.countries.0',
      'rule.eventTypes.0',
      'rule.goldstein',
      'rule.minSources',
      'rule.typo',
    ]);
    expect(fieldsOf({ name: 'x', rule: {}, delivery: {} })).toEqual(['delivery']);
    expect(fieldsOf({ name: 'x', rule: { countryRole: 'agent' }, delivery: { queue: true } })).toEqual([
      'rule.countryRole',
    ]);
    expect(fieldsOf({}, updateSubscriptionSchema)).toEqual(['(body)']);
  });
});
