import { Readable } from 'node:stream';
import { Controller, Get, Inject, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DATABASE, type DatabaseHandle } from '#platform';
import { GDELT_COLUMNS, exportRows, gdeltCsvLines, ploverLines } from '#read-models';
import { ApiZodQuery } from './api-query.decorator.js';
import { exportParams, filtersOf, parseQuery } from './query-params.js';

/** Bulk exports, streamed a batch at a time; the same filters (and asOf) as /api/events. */
@ApiTags('export')
@Controller('api/export')
export class ExportsController {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  @Get('plover.jsonl')
  @ApiOperation({ summary: 'Events as PLOVER-style JSON, one per line: event_id, event_date, event_type (PLOVER), mode, actor/recipient names, ids, countries and sectors, source, evidence.' })
  @ApiProduces('application/x-ndjson')
  @ApiZodQuery(exportParams)
  @ApiResponse({ status: 200, description: 'Newline-delimited JSON, streamed', content: { 'application/x-ndjson': { schema: { type: 'string' } } } })
  plover(@Query() query: unknown): StreamableFile {
    const filters = filtersOf(parseQuery(exportParams, query));
    return new StreamableFile(Readable.from(ploverLines(exportRows(this.database.db, filters))), {
      type: 'application/x-ndjson; charset=utf-8',
      disposition: 'attachment; filename="newsledger-events.plover.jsonl"',
    });
  }

  @Get('events.csv')
  @ApiOperation({ summary: `Events in GDELT-like CSV columns: ${GDELT_COLUMNS.join(', ')}.` })
  @ApiProduces('text/csv')
  @ApiZodQuery(exportParams)
  @ApiResponse({ status: 200, description: 'CSV with a header row, streamed', content: { 'text/csv': { schema: { type: 'string' } } } })
  csv(@Query() query: unknown): StreamableFile {
    const filters = filtersOf(parseQuery(exportParams, query));
    return new StreamableFile(Readable.from(gdeltCsvLines(exportRows(this.database.db, filters))), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="newsledger-events.csv"',
    });
  }
}
