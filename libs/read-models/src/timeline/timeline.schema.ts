import { z } from 'zod';

export const HISTOGRAM_INTERVALS = ['day', 'week', 'month', 'year'] as const;
export type HistogramInterval = (typeof HISTOGRAM_INTERVALS)[number];

export const histogramBucketSchema = z.object({
  start: z.string().describe('First day of the period (YYYY-MM-DD)'),
  events: z.number().int().describe('Events starting in it; 0 for an empty period'),
});
export type HistogramBucket = z.infer<typeof histogramBucketSchema>;

export const timelineHistogramSchema = z.object({
  interval: z.enum(HISTOGRAM_INTERVALS),
  buckets: z
    .array(histogramBucketSchema)
    .describe('Every period from the first event to the last, empty ones included'),
});
export type TimelineHistogram = z.infer<typeof timelineHistogramSchema>;
