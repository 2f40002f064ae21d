import type { AlertEventExplained } from '../contract/alert-message.js';
import { EXPLANATION_LIMIT, type IncidentSource, explainAlert } from './explain.js';

const source = (n: number): IncidentSource => ({
  articleId: `a${n}`,
  url: `https://news.example.org/${n}`,
  title: `Story ${n}`,
  outlet: `Outlet ${n % 3}`,
  publishedAt: '2021-04-07',
});
const event = (n: number): AlertEventExplained => ({
  eventId: `e${n}`,
  articleId: `a${n}`,
  type: 'WaiverGranted',
  modality: 'asserted',
  goldstein: 3,
  agent: [{ id: 'united-states', name: 'United States', country: 'USA' }],
  target: [{ id: 'iraq', name: 'Iraq', country: 'IRQ' }],
  date: { start: '2021-03-26', end: '2021-03-26', precision: 'day' },
  evidence: [{ start: 0, end: 10, text: 'Washington' }],
  matched: [{ clause: 'eventTypes', expected: ['WaiverGranted'], actual: 'WaiverGranted' }],
});

describe('explainAlert', () => {
  it('lists every matching event and article of a small incident, with nothing omitted', () => {
    const explanation = explainAlert(
      { eventTypes: ['WaiverGranted'], minSources: 2 },
      [event(1), event(2)],
      [source(1), source(2)],
    );
    expect(explanation.events.map((e) => e.eventId)).toEqual(['e1', 'e2']);
    expect(explanation.articles.map((a) => [a.articleId, a.apiUrl])).toEqual([
      ['a1', '/api/articles/a1'],
      ['a2', '/api/articles/a2'],
    ]);
    expect(explanation.sources).toEqual({ required: 2, outlets: 2, articles: 2 });
    expect(explanation).not.toHaveProperty('omitted');
  });

  it('lists the oldest reports of a large incident and counts what it leaves out, the totals intact', () => {
    const many = Array.from({ length: 250 }, (_, n) => n);
    const explanation = explainAlert({ eventTypes: ['WaiverGranted'] }, many.map(event), many.map(source));
    expect(explanation.events).toHaveLength(EXPLANATION_LIMIT);
    expect(explanation.events[0]!.eventId).toBe('e0');
    expect(explanation.articles).toHaveLength(EXPLANATION_LIMIT);
    expect(explanation.omitted).toEqual({ events: 250 - EXPLANATION_LIMIT, articles: 250 - EXPLANATION_LIMIT });
    expect(explanation.sources).toEqual({ required: 1, outlets: 3, articles: 250 });
  });
});
