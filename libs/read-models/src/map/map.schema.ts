import { z } from 'zod';
import { PLACE_PRECISIONS } from '#domain';

export const mapPointSchema = z.object({
  lat: z.number(),
  lon: z.number(),
  name: z.string().describe('The place as the events name it (the most frequent form)'),
  country: z.string(),
  precision: z.enum(PLACE_PRECISIONS),
  events: z.number().int(),
});

export const mapCountrySchema = z.object({
  country: z.string().describe('ISO 3166-1 alpha-3 of the events’ place'),
  numeric: z.string().nullable().describe('ISO 3166-1 numeric (the id of world-atlas shapes)'),
  events: z.number().int(),
});

export const eventMapSchema = z.object({
  points: z
    .array(mapPointSchema)
    .describe('Events per place with coordinates, most events first (at most 5,000 places)'),
  pointCount: z.number().int().describe('Places with coordinates in all'),
  countries: z.array(mapCountrySchema).describe('Events per country of their place'),
  located: z.number().int().describe('Matching events with a place'),
  unlocated: z.number().int().describe('Matching events without a place (not on the map)'),
  asOf: z.string().nullable(),
});

export type MapPoint = z.infer<typeof mapPointSchema>;
export type MapCountry = z.infer<typeof mapCountrySchema>;
export type EventMap = z.infer<typeof eventMapSchema>;
