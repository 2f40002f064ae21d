import { z } from 'zod';

/** Far beyond any list a person pages through; a forged cursor cannot ask PostgreSQL for more. */
export const MAX_OFFSET = 10_000_000;

/** The response envelope of every list, as a schema (the OpenAPI document is generated from it). */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int().describe('Rows matching the filters in all (as of asOf), not only on this page'),
    limit: z.number().int(),
    offset: z.number().int(),
    next: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
    prev: z.string().nullable().describe('Pass as `cursor` for the previous page; null on the first page'),
    last: z.string().nullable().describe('Pass as `cursor` for the last page; null when this is it'),
    asOf: z.string().nullable().describe('The recorded time the answer is as of (null: current state)'),
  });

export type Page<T> = Omit<z.infer<ReturnType<typeof pageSchema<z.ZodUnknown>>>, 'items'> & { items: T[] };
