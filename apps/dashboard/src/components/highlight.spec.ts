import type { EventView } from '#read-models/contracts';
import { segmentText } from './highlight';
import { emptyRule, toSubscriptionBody, validateRule } from './rule';

const event = (eventId: string, type: string, spans: [number, number][]): EventView =>
  ({ eventId, type, evidence: spans.map(([start, end]) => ({ start, end, text: '' })) }) as unknown as EventView;

describe('segmentText', () => {
  const text = 'Iraq and Iran began talks <script>x</script> in Baghdad.';

  it('cuts the text at every evidence boundary and keeps every character', () => {
    const talks = event('a', 'TalksStarted', [[0, 25]]);
    const visit = event('b', 'VisitMade', [
      [14, 19],
      [48, 55],
    ]);
    const segments = segmentText(text, [talks, visit]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.map((s) => [s.text, s.events.map((e) => e.eventId).join('+')])).toEqual([
      ['Iraq and Iran ', 'a'],
      ['began', 'a+b'],
      [' talks', 'a'],
      [' <script>x</script> in ', ''],
      ['Baghdad', 'b'],
      ['.', ''],
    ]);
  });

  it('ignores spans outside the text or empty, and gives plain text one segment', () => {
    expect(
      segmentText(text, [
        event('a', 'X', [
          [50, 500],
          [3, 3],
          [-1, 2],
        ]),
      ]),
    ).toEqual([{ start: 0, end: text.length, text, events: [] }]);
    expect(segmentText('', [])).toEqual([]);
  });
});

describe('validateRule', () => {
  it('names every problem before anything is sent', () => {
    const problems = validateRule({
      ...emptyRule,
      countries: 'Iraq',
      goldsteinMin: '5',
      goldsteinMax: '-2',
      minSources: '0',
      deliverToQueue: false,
      words: 'a',
    });
    expect(Object.keys(problems).sort()).toEqual([
      'countries',
      'delivery',
      'goldsteinMax',
      'minSources',
      'name',
      'words',
    ]);
    expect(validateRule({ ...emptyRule, name: 'x' }).rule).toMatch(/at least one clause/);
  });

  it('turns a valid draft into the API body', () => {
    const draft = {
      ...emptyRule,
      name: ' Waivers ',
      eventTypes: ['WaiverGranted'],
      countries: 'irq, irn',
      countryRole: 'target' as const,
      words: 'sanctions waiver, electricity',
      webhookUrl: 'https://hooks.example/x',
    };
    expect(validateRule(draft)).toEqual({});
    expect(toSubscriptionBody(draft)).toEqual({
      name: 'Waivers',
      rule: {
        eventTypes: ['WaiverGranted'],
        countries: ['IRQ', 'IRN'],
        countryRole: 'target',
        modalities: ['asserted'],
        words: ['sanctions waiver', 'electricity'],
      },
      delivery: { queue: true, webhook: { url: 'https://hooks.example/x' } },
      notifyOnUpdate: false,
    });
  });
});
