import { ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { ApiError, ApiZodBody, ApiZodQuery, ApiZodResponse } from '../http/openapi.js';
import { ZodBody, ZodParam, ZodQuery, uuidParam } from '../http/zod-validation.js';
import { parkedEventSchema } from './operations.schema.js';

const listQuery = z.strictObject({
  consumer: z.string().min(1).max(200).optional(),
  status: z
    .enum(['open', 'all'], { error: 'must be open or all' })
    .default('open')
    .describe('open (default): not replayed since'),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
});
const replayBody = z.strictObject({ reason: z.string({ error: 'must be a string' }).trim().max(2_000).optional() });

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
  @ApiZodQuery(listQuery)
  @ApiZodResponse(200, z.object({ parked: z.array(parkedEventSchema) }), 'The parked events')
  async list(@ZodQuery(listQuery) query: z.output<typeof listQuery>): Promise<{ parked: ParkedEventView[] }> {
    const { consumer, status, limit } = query;
    return { parked: await listParkedEvents(this.database.db, { consumer, open: status === 'open', limit }) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One parked event' })
  @ApiZodResponse(200, parkedEventSchema, 'The parked event')
  @ApiError(404, 'No such parked event')
  async one(@ZodParam('id', uuidParam) parkedId: string): Promise<ParkedEventView> {
    const parked = await getParkedEvent(this.database.db, parkedId);
    if (!parked)
      throw new NotFoundException({
        statusCode: 404,
        error: 'parked-event-not-found',
        message: `no parked event ${parkedId}`,
      });
    return parked;
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run a parked event through its consumer again (after a fix)',
    description:
      'Appends ParkedEventReplayRequested to stream parked-<id>; the consumer re-runs the event and marks it replayed, ' +
      'or parked again with the new error. Poll GET /api/operations/parked/:id.',
  })
  @ApiZodBody(replayBody, { 'after a fix': { reason: 'dates before 1900 are now clamped' } }, false)
  @ApiZodResponse(202, parkedEventSchema, 'The parked event, status replay-requested')
  @ApiError(404, 'No such parked event')
  @ApiError(409, 'Already replayed')
  async replay(
    @ZodParam('id', uuidParam) parkedId: string,
    @ZodBody(replayBody) body: z.output<typeof replayBody>,
    @CurrentAdmin() admin: string,
  ): Promise<ParkedEventView> {
    try {
      return await requestParkedReplay(this.database.db, this.store, parkedId, admin, body.reason || undefined);
    } catch (error) {
      if (!(error instanceof ReplayRefused)) throw error;
      const answer = {
        statusCode: error.reason === 'not-found' ? 404 : 409,
        error: error.reason,
        message: error.message,
      };
      throw error.reason === 'not-found' ? new NotFoundException(answer) : new ConflictException(answer);
    }
  }
}
