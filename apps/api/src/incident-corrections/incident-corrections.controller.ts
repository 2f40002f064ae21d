import { BadRequestException, Body, Controller, HttpCode, Inject, NotFoundException, Param, Post, UnprocessableEntityException } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EventStore } from '#event-store';
import { DATABASE, type DatabaseHandle } from '#platform';
import { INCIDENT_CORRECTIONS_STREAM, type IncidentCorrectionEvent, type IncidentSplit, type IncidentsMerged } from '#read-models/incidents/incident-corrections';
import { CurrentAdmin } from '../auth/decorators.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';

const reasonSchema = z.string().trim().min(3, 'must say why (3 characters at least)').max(2_000);
const idSchema = z.string().trim().min(1, 'must not be empty').max(200);
const mergeSchema = z
  .object({
    incidentIds: z.array(idSchema).min(2, 'must name at least 2 incidents').max(100),
    into: idSchema,
    reason: reasonSchema,
  })
  .superRefine((body, ctx) => {
    if (new Set(body.incidentIds).size !== body.incidentIds.length) ctx.addIssue({ code: 'custom', path: ['incidentIds'], message: 'must name each incident once' });
    if (!body.incidentIds.includes(body.into)) ctx.addIssue({ code: 'custom', path: ['into'], message: 'must be one of incidentIds' });
  });
const splitSchema = z.object({
  eventIds: z
    .array(idSchema)
    .min(1, 'must name at least 1 event')
    .max(1_000)
    .refine((ids) => new Set(ids).size === ids.length, 'must name each event once'),
  reason: reasonSchema,
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
    throw new BadRequestException({ statusCode: 400, error: 'invalid-request', message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields });
  }
  return parsed.data;
}

/** What a merge or split appended; the incidents read model follows from the log. */
export interface IncidentCorrectionResult {
  stream: string;
  streamVersion: number;
  appended: IncidentCorrectionEvent[];
}

/**
 * Analysts' corrections of the automatic incident clustering: merges and
 * splits, each appended to the incident-corrections stream with who and why.
 * Checked against the current incidents read model; admin-only (AdminGuard asks
 * for a session and its CSRF token on every POST under /api).
 */
@ApiTags('incidents')
@ApiCookieAuth(SESSION_COOKIE)
@ApiHeader({ name: 'x-csrf-token', required: true, description: 'the csrfToken that POST /api/auth/login returned' })
@Controller('api/incidents')
export class IncidentCorrectionsController {
  constructor(
    private readonly store: EventStore,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  @Post('merge')
  @HttpCode(202)
  @ApiOperation({ summary: 'Merge incidents into one of them (appends IncidentsMerged); automatic re-grouping keeps them together' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['incidentIds', 'into', 'reason'],
      properties: { incidentIds: { type: 'array', items: { type: 'string' }, minItems: 2 }, into: { type: 'string', description: 'one of incidentIds' }, reason: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 202, description: '{ stream, streamVersion, appended }: the IncidentsMerged event; the read model follows' })
  @ApiResponse({ status: 400, description: 'invalid body (fewer than 2 incidents, into not among them, no reason), naming each field' })
  @ApiResponse({ status: 404, description: 'an incident is unknown (or has no active event now)' })
  async merge(@Body() body: unknown, @CurrentAdmin() by: string): Promise<IncidentCorrectionResult> {
    const { incidentIds, into, reason } = parse(mergeSchema, body);
    const rows = await this.database.db
      .selectFrom('read_incident_candidates')
      .select('incident_id')
      .distinct()
      .where('incident_id', 'in', incidentIds)
      .where('active', '=', true)
      .execute();
    const known = new Set(rows.map((r) => r.incident_id));
    const unknown = incidentIds.filter((id) => !known.has(id));
    if (unknown.length) throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no incident ${unknown.join(', ')}` });
    const data: IncidentsMerged = { incidentIds, into, by, reason };
    return this.append({ type: 'IncidentsMerged', data }, by, reason);
  }

  @Post(':id/split')
  @HttpCode(202)
  @ApiOperation({ summary: 'Take events out of an incident into a new one (appends IncidentSplit); automatic re-grouping keeps them apart' })
  @ApiBody({
    schema: { type: 'object', required: ['eventIds', 'reason'], properties: { eventIds: { type: 'array', items: { type: 'string' }, minItems: 1 }, reason: { type: 'string' } } },
  })
  @ApiResponse({ status: 202, description: '{ stream, streamVersion, appended }: the IncidentSplit event; the new incident is inc-split-<first eventId>' })
  @ApiResponse({ status: 400, description: 'invalid body, naming each field' })
  @ApiResponse({ status: 404, description: 'no such incident (or none of its events is active now)' })
  @ApiResponse({ status: 422, description: 'an event is not in the incident, or the split would take every event out' })
  async split(@Param('id') incidentId: string, @Body() body: unknown, @CurrentAdmin() by: string): Promise<IncidentCorrectionResult> {
    const { eventIds, reason } = parse(splitSchema, body);
    const members = await this.database.db.selectFrom('read_incident_candidates').select('event_id').where('incident_id', '=', incidentId).where('active', '=', true).execute();
    if (members.length === 0) throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no incident ${incidentId}` });
    const inIncident = new Set(members.map((m) => m.event_id));
    const strangers = eventIds.filter((id) => !inIncident.has(id));
    if (strangers.length) {
      throw new UnprocessableEntityException({ statusCode: 422, error: 'not-in-incident', message: `not events of incident ${incidentId}: ${strangers.join(', ')}`, eventIds: strangers });
    }
    if (eventIds.length === inIncident.size) {
      throw new UnprocessableEntityException({ statusCode: 422, error: 'nothing-left', message: `the split would take every event out of incident ${incidentId}` });
    }
    const data: IncidentSplit = { incidentId, eventIds, by, reason };
    return this.append({ type: 'IncidentSplit', data }, by, reason);
  }

  private async append(event: IncidentCorrectionEvent, by: string, reason: string): Promise<IncidentCorrectionResult> {
    const result = await this.store.append(INCIDENT_CORRECTIONS_STREAM, [{ type: event.type, data: event.data, metadata: { actor: by, reason, correlationId: randomUUID() } }], { expectedVersion: 'any' });
    return { stream: INCIDENT_CORRECTIONS_STREAM, streamVersion: result.nextExpectedVersion, appended: [event] };
  }
}
