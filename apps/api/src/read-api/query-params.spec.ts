import { BadRequestException } from '@nestjs/common';
import { eventListParams, filtersOf, pageOf, parseQuery } from './query-params.js';

const badRequest = (query: Record<string, unknown>) => {
  try {
    parseQuery(eventListParams, query);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as { message: string; fields: { field: string; message: string }[] };
  }
  throw new Error('expected a 400');
};

describe('read API query parameters', () => {
  it('names every bad parameter, including unknown ones', () => {
    const body = badRequest({ limit: '900', type: 'Foo,LetterSent', contry: 'IRQ', from: '2021-13-01', asOf: 'yesterday', modality: 'maybe' });
    expect(body.fields.map((e) => e.field).sort()).toEqual(['asOf', 'contry', 'from', 'limit', 'modality', 'type']);
    expect(body.message).toContain('limit: must be at most 500');
    expect(body.message).toContain("type: unknown event type 'Foo'");
    expect(body.message).toContain('contry: is not a parameter of this endpoint');
  });

  it('accepts lists as commas or repeats, upper-cases countries, and pins pages with the cursor', () => {
    const params = parseQuery(eventListParams, { type: ['LetterSent', 'TalksStarted'], country: 'irq', asOf: '2021-04-07', limit: '10' });
    expect(filtersOf(params)).toEqual({ types: ['LetterSent', 'TalksStarted'], country: 'IRQ', asOf: new Date('2021-04-07') });
    expect(pageOf(params)).toEqual({ limit: 10, offset: 0, asOf: new Date('2021-04-07') });
    expect(parseQuery(eventListParams, {}).limit).toBe(50);
  });
});
