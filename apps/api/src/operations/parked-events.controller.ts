import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  EventStore,
  type ParkedEventView,
  ReplayRefused,
  getParkedEvent,
  listParkedEvents,
  requestParkedReplay,
} from '#event-store';
import { DATABASE, type DatabaseHandle } from '#platform';
import { AdminOnly, CurrentAdmin } from '../auth/decorators.js';

const listQuery = z.object({
  consumer: z.string().min(1).max(200).optional(),
  status: z.enum(['open', 'all'], { error: 'must be open or all' }).default('open'),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
});
const replayBody = z
  .object({ reason: z.string({ error: 'must be a string' }).trim().max(2_000).optional() })
  .optional();

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
  throw new BadRequestException({
    statusCode: 400,
    error: 'invalid-request',
    message: fields.map((f) => `${f.field}: ${f.message}`).join('; '),
    fields,
  });
}

/**
 * Events a log consumer could not apply and parked so it could go on (see
 * LogConsumer). An admin reads them here and, after a fix, replays one: the
 * request is appended to the log (ParkedEventReplayRequested, with who and
 * why) and the consumer's leader runs the event again in log order, recording
 * the outcome on the row in the same transaction as the consumer's writes.
 */
@ApiTags('operations')
@AdminOnly()
@Controller('api/operations/parked')
export class ParkedEventsController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Parked events, newest failure first: consumer, event (id, type, stream, log position), error, attempts, first and last failure, replay status',
  })
  @ApiQuery({ name: 'consumer', required: false })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: ['open', 'all'],
    description: 'open (default): not replayed since',
  })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } })
  @ApiOkResponse({ description: '{ parked: [...] }' })
  async list(@Query() query: unknown): Promise<{ parked: ParkedEventView[] }> {
    const { consumer, status, limit } = parse(listQuery, query);
    return { parked: await listParkedEvents(this.database.db, { consumer, open: status === 'open', limit }) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One parked event' })
  @ApiResponse({ status: 404, description: 'no such parked event' })
  async one(@Param('id') parkedId: string): Promise<ParkedEventView> {
    const parked = await getParkedEvent(this.database.db, parkedId);
    if (!parked)
      throw new NotFoundException({
        statusCode: 404,
        error: 'parked-event-not-found',
        message: `no parked event ${parkedId.slice(0, 100)}`,
      });
    return parked;
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run a parked event through its consumer again (after a fix)',
    description:
      'Appends ParkedEventReplayRequested to stream parked-<id>; the consumer re-runs the event and marks it replayed, or parked again with the new error. Poll GET /api/operations/parked/:id.',
  })
  @ApiBody({ required: false, schema: { type: 'object', properties: { reason: { type: 'string', maxLength: 2000 } } } })
  @ApiResponse({ status: 202, description: 'The parked event, status replay-requested' })
  @ApiResponse({ status: 404, description: 'no such parked event' })
  @ApiResponse({ status: 409, description: 'already replayed' })
  async replay(
    @Param('id') parkedId: string,
    @Body() body: unknown,
    @CurrentAdmin() admin: string,
  ): Promise<ParkedEventView> {
    const { reason } = parse(replayBody, body ?? undefined) ?? {};
    try {
      return await requestParkedReplay(this.database.db, this.store, parkedId, admin, reason || undefined);
    } catch (error) {
      if (error instanceof ReplayRefused) {
        const body = {
          statusCode: error.reason === 'not-found' ? 404 : 409,
          error: error.reason,
          message: error.message,
        };
        throw error.reason === 'not-found' ? new NotFoundException(body) : new ConflictException(body);
      }
      throw error;
    }
  }
}
