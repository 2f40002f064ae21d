import { Controller, Get, Inject, NotFoundException } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { countryNumeric } from '#extraction/places/index';
import { DATABASE, type DatabaseHandle } from '#platform';
import {
  type EventMap,
  type EventView,
  type Page,
  type TimelineHistogram,
  eventMap,
  eventMapSchema,
  eventViewSchema,
  getEvent,
  listEvents,
  pageSchema,
  timeline,
  timelineHistogram,
  timelineHistogramSchema,
} from '#read-models';
import { ApiError, ApiZodQuery, ApiZodResponse } from '../http/openapi.js';
import { ZodParam, ZodQuery, idParam } from '../http/zod-validation.js';
import {
  articleParams,
  eventListParams,
  filtersOf,
  histogramParams,
  mapParams,
  pageOf,
  timelineParams,
} from './query-params.js';

@ApiTags('read')
@Controller('api')
export class EventsController {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  @Get('events')
  @ApiOperation({
    summary:
      'Coded events as recorded before asOf, newest recorded first. Asserted and active unless modality and status say otherwise.',
  })
  @ApiZodQuery(eventListParams)
  @ApiZodResponse(200, pageSchema(eventViewSchema), 'A page of events with the total')
  list(@ZodQuery(eventListParams) params: z.output<typeof eventListParams>): Promise<Page<EventView>> {
    return listEvents(this.database.db, filtersOf(params), pageOf(params));
  }

  @Get('events/:id')
  @ApiOperation({
    summary:
      'One coded event, whatever its modality or status, with its corrections, as recorded before asOf (the link of an alert raised by one event).',
  })
  @ApiParam({ name: 'id', description: 'Event id' })
  @ApiZodQuery(articleParams.pick({ asOf: true }))
  @ApiZodResponse(200, eventViewSchema, 'The event')
  @ApiError(404, 'No such event (as of asOf)')
  async one(
    @ZodParam('id', idParam) id: string,
    @ZodQuery(articleParams.pick({ asOf: true })) params: { asOf?: Date },
  ): Promise<EventView> {
    const event = await getEvent(this.database.db, id, params.asOf);
    if (!event) throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no event ${id}` });
    return event;
  }

  @Get('timeline')
  @ApiOperation({
    summary:
      'Coded events ordered by when they happened (their resolved date interval), with the same filters as /api/events.',
  })
  @ApiZodQuery(timelineParams)
  @ApiZodResponse(200, pageSchema(eventViewSchema), 'A page of events with the total')
  timeline(@ZodQuery(timelineParams) params: z.output<typeof timelineParams>): Promise<Page<EventView>> {
    return timeline(this.database.db, filtersOf(params), {
      ...pageOf(params),
      ...(params.order && { order: params.order }),
    });
  }

  @Get('timeline/histogram')
  @ApiOperation({
    summary:
      'Events per day, week, month or year of their start, over every matching event, empty periods included as zeros.',
  })
  @ApiZodQuery(histogramParams)
  @ApiZodResponse(200, timelineHistogramSchema, 'Buckets from the first matching event to the last')
  histogram(@ZodQuery(histogramParams) params: z.output<typeof histogramParams>): Promise<TimelineHistogram> {
    return timelineHistogram(this.database.db, filtersOf(params), params.interval);
  }

  @Get('map')
  @ApiOperation({
    summary:
      'Where the matching events happened: events per place (coordinates from the gazetteer) and per country, with the filters of /api/timeline.',
  })
  @ApiZodQuery(mapParams)
  @ApiZodResponse(200, eventMapSchema, 'Points and country counts')
  map(@ZodQuery(mapParams) params: z.output<typeof mapParams>): Promise<EventMap> {
    return eventMap(this.database.db, filtersOf(params), countryNumeric);
  }
}
