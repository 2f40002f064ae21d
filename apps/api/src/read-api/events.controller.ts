import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DATABASE, type DatabaseHandle } from '#platform';
import { type EventView, type Page, listEvents, timeline } from '#read-models';
import { ApiZodQuery } from './api-query.decorator.js';
import { eventListParams, filtersOf, pageOf, parseQuery, timelineParams } from './query-params.js';
import { eventView, openApi, page } from './responses.js';

@ApiTags('read')
@Controller('api')
export class EventsController {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  @Get('events')
  @ApiOperation({ summary: 'Coded events as recorded before asOf, newest recorded first. Active only unless status says otherwise.' })
  @ApiZodQuery(eventListParams)
  @ApiOkResponse({ schema: openApi(page(eventView)) })
  list(@Query() query: unknown): Promise<Page<EventView>> {
    const params = parseQuery(eventListParams, query);
    return listEvents(this.database.db, filtersOf(params), pageOf(params));
  }

  @Get('timeline')
  @ApiOperation({ summary: 'Coded events ordered by when they happened (their resolved date interval), with the same filters as /api/events.' })
  @ApiZodQuery(timelineParams)
  @ApiOkResponse({ schema: openApi(page(eventView)) })
  timeline(@Query() query: unknown): Promise<Page<EventView>> {
    const params = parseQuery(timelineParams, query);
    return timeline(this.database.db, filtersOf(params), { ...pageOf(params), ...(params.order && { order: params.order }) });
  }
}
