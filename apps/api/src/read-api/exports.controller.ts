import { Controller, Get, Inject, Logger, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { DATABASE, type DatabaseHandle } from '#platform';
import { GDELT_COLUMNS, exportRows, gdeltCsvLines, ploverLines } from '#read-models';
import { ApiZodQuery } from '../http/openapi.js';
import { ZodQuery } from '../http/zod-validation.js';
import { safeExportStream } from './export-stream.js';
import { exportParams, filtersOf } from './query-params.js';

/** Bulk exports, streamed a batch at a time; the same filters (and asOf) as /api/events: asserted events unless asked. */
@ApiTags('export')
@Controller('api/export')
export class ExportsController {
  private readonly logger = new Logger('Exports');

  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  @Get('plover.jsonl')
  @ApiOperation({
    summary:
      'Events as PLOVER-style JSON, one per line: event_id, event_date, event_type (PLOVER), mode, aux_mode (future, hypothetical, negated: only with modality=), ' +
      'actor/recipient names, ids, countries and sectors, location with coordinates and precision, source, evidence.',
  })
  @ApiProduces('application/x-ndjson')
  @ApiZodQuery(exportParams)
  @ApiResponse({
    status: 200,
    description:
      'Newline-delimited JSON, streamed. Should the database fail mid-way, the last line is {"error": …, "complete": false}.',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  async plover(@ZodQuery(exportParams) params: z.output<typeof exportParams>): Promise<StreamableFile> {
    const lines = ploverLines(exportRows(this.database.db, filtersOf(params)));
    const body = await safeExportStream(
      lines,
      this.logger,
      'PLOVER',
      () =>
        `${JSON.stringify({ error: 'export interrupted by a server error; this file is incomplete', complete: false })}\n`,
    );
    return new StreamableFile(body, {
      type: 'application/x-ndjson; charset=utf-8',
      disposition: 'attachment; filename="newsledger-events.plover.jsonl"',
    });
  }

  @Get('events.csv')
  @ApiOperation({
    summary:
      `Events in GDELT-like CSV columns: ${GDELT_COLUMNS.join(', ')}. ` +
      'An event that did not happen (only with modality=) has no EventCode, QuadClass or GoldsteinScale unless codes=all.',
  })
  @ApiProduces('text/csv')
  @ApiZodQuery(exportParams)
  @ApiResponse({
    status: 200,
    description: 'CSV with a header row, streamed',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async csv(@ZodQuery(exportParams) params: z.output<typeof exportParams>): Promise<StreamableFile> {
    const lines = gdeltCsvLines(exportRows(this.database.db, filtersOf(params)), {
      codesForAllModalities: params.codes === 'all',
    });
    const body = await safeExportStream(lines, this.logger, 'CSV');
    return new StreamableFile(body, {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="newsledger-events.csv"',
    });
  }
}
