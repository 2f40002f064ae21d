import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';
import { encodeCursor } from '#read-models';
import { parseOr400 } from '../http/zod-validation.js';
import { articleListParams, eventListParams, filtersOf, pageOf } from './query-params.js';

const badRequest = (query: Record<string, unknown>, schema: z.ZodType = eventListParams) => {
  try {
    parseOr400(schema, query, 'query');
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as {
      message: string;
      fields: { field: string; message: string }[];
    };
  }
  throw new Error('expected a 400');
};

describe('read API query parameters', () => {
  it('names every bad parameter, including unknown ones', () => {
    const body = badRequest({
      limit: '900',
      type: 'Foo,LetterSent',
      contry: 'IRQ',
      from: '2021-13-01',
      asOf: 'yesterday',
      modality: 'maybe',
    });
    expect(body.fields.map((e) => e.field).sort()).toEqual(['asOf', 'contry', 'from', 'limit', 'modality', 'type']);
    expect(body.message).toContain('limit: must be at most 500');
    expect(body.message).toContain("type: unknown event type 'Foo'");
    expect(body.message).toContain('contry: is not a parameter of this endpoint');
  });

  it('accepts lists as commas or repeats, upper-cases countries, and pins pages with the cursor', () => {
    const params = parseOr400(
      eventListParams,
      { type: ['LetterSent', 'TalksStarted'], country: 'irq', asOf: '2021-04-07', limit: '10' },
      'query',
    );
    expect(filtersOf(params)).toEqual({
      types: ['LetterSent', 'TalksStarted'],
      country: 'IRQ',
      asOf: new Date('2021-04-07'),
    });
    expect(pageOf(params)).toEqual({ limit: 10, offset: 0, asOf: new Date('2021-04-07') });
    expect(parseOr400(eventListParams, {}, 'query').limit).toBe(50);
  });

  it('takes modality as a list or all; absent means asserted only (left to the query)', () => {
    expect(filtersOf(parseOr400(eventListParams, { modality: 'all' }, 'query')).modality).toBe('all');
    expect(filtersOf(parseOr400(eventListParams, { modality: 'asserted,negated' }, 'query')).modality).toEqual([
      'asserted',
      'negated',
    ]);
    expect(filtersOf(parseOr400(eventListParams, {}, 'query')).modality).toBeUndefined();
    expect(badRequest({ modality: 'all,negated' }).fields).toEqual([
      { field: 'modality', message: expect.stringContaining("unknown modality 'all'") },
    ]);
  });

  it('refuses dates PostgreSQL would refuse, forged cursors and control characters, naming the parameter', () => {
    expect(
      badRequest({ from: '0000-01-01', to: '99999-01-01' })
        .fields.map((f) => f.field)
        .sort(),
    ).toEqual(['from', 'to']);
    expect(badRequest({ asOf: '0000-01-01T00:00:00Z' }).fields).toEqual([
      { field: 'asOf', message: 'must be between the years 1000 and 9999' },
    ]);
    const huge = Buffer.from(JSON.stringify({ o: 1e300, t: '2021-01-01T00:00:00.000Z' })).toString('base64url');
    expect(badRequest({ cursor: huge }).fields).toEqual([
      { field: 'cursor', message: 'is not a cursor this API gave' },
    ]);
    expect(badRequest({ offset: '99999999999' }).fields[0]!.field).toBe('offset');
    expect(
      pageOf(parseOr400(eventListParams, { cursor: encodeCursor(100, new Date('2021-01-01')) }, 'query')).offset,
    ).toBe(100);
    expect(badRequest({ q: 'war\u0000' }, articleListParams).fields).toEqual([
      { field: 'q', message: 'must not contain control characters or broken unicode' },
    ]);
    expect(badRequest({ q: 'x'.repeat(201) }, articleListParams).fields[0]!.field).toBe('q');
  });
});
