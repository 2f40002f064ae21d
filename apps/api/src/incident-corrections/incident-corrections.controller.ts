import { Controller, HttpCode, Inject, NotFoundException, Post, UnprocessableEntityException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CommandBus } from '@nestjs/cqrs';
import type { IncidentCorrectionCommand } from '#domain';
import { DATABASE, type DatabaseHandle } from '#platform';
import { activeIncidentIds, activeIncidentMembers } from '#read-models';
import { CurrentAdmin } from '../auth/decorators.js';
import { ApiError, ApiZodBody, ApiZodResponse } from '../http/openapi.js';
import { ZodBody, ZodParam, idParam } from '../http/zod-validation.js';
import { CorrectIncidents, type IncidentCorrectionResult } from './incident-correction.handler.js';

const reasonSchema = z.string().trim().min(3, 'must say why (3 characters at least)').max(2_000);
const idSchema = idParam;
const mergeSchema = z
  .strictObject({
    incidentIds: z.array(idSchema).min(2, 'must name at least 2 incidents').max(100),
    into: idSchema,
    reason: reasonSchema,
  })
  .superRefine((body, ctx) => {
    if (new Set(body.incidentIds).size !== body.incidentIds.length)
      ctx.addIssue({ code: 'custom', path: ['incidentIds'], message: 'must name each incident once' });
    if (!body.incidentIds.includes(body.into))
      ctx.addIssue({ code: 'custom', path: ['into'], message: 'must be one of incidentIds' });
  });
const splitSchema = z.strictObject({
  eventIds: z
    .array(idSchema)
    .min(1, 'must name at least 1 event')
    .max(1_000)
    .refine((ids) => new Set(ids).size === ids.length, 'must name each event once'),
  reason: reasonSchema,
});

export type { IncidentCorrectionResult } from './incident-correction.handler.js';

const resultSchema = z.object({
  stream: z.string(),
  streamVersion: z.number().int(),
  appended: z.array(
    z.object({ type: z.enum(['IncidentsMerged', 'IncidentSplit']), data: z.record(z.string(), z.unknown()) }),
  ),
});

/**
 * Analysts' corrections of the automatic incident clustering: merges and
 * splits, each a command (CorrectIncidents) on the incident-corrections stream, with who and why.
 * Checked against the current incidents read model; admin-only (AdminGuard asks
 * for a session and its CSRF token on every POST under /api).
 */
@ApiTags('incidents')
@Controller('api/incidents')
export class IncidentCorrectionsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  @Post('merge')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Merge incidents into one of them (appends IncidentsMerged); automatic re-grouping keeps them together',
  })
  @ApiZodBody(mergeSchema, {
    'two reports of one ultimatum': {
      incidentIds: ['inc-1b2c3d4e-0001', 'inc-1b2c3d4e-0002'],
      into: 'inc-1b2c3d4e-0001',
      reason: 'Both are the same ultimatum to Tehran',
    },
  })
  @ApiZodResponse(202, resultSchema, 'The IncidentsMerged event; the read model follows')
  @ApiError(404, 'An incident is unknown (or has no active event now)')
  async merge(
    @ZodBody(mergeSchema) { incidentIds, into, reason }: z.output<typeof mergeSchema>,
    @CurrentAdmin() by: string,
  ): Promise<IncidentCorrectionResult> {
    const known = await activeIncidentIds(this.database.db, incidentIds);
    const unknown = incidentIds.filter((id) => !known.has(id));
    if (unknown.length)
      throw new NotFoundException({
        statusCode: 404,
        error: 'not-found',
        message: `no incident ${unknown.join(', ')}`,
      });
    return this.correct({ type: 'MergeIncidents', incidentIds, into, by, reason });
  }

  @Post(':id/split')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Take events out of an incident into a new one (appends IncidentSplit); automatic re-grouping keeps them apart',
  })
  @ApiZodBody(splitSchema, {
    'another event': {
      eventIds: ['5b0e8f3a-9c1d-4e2f-8a7b-6c5d4e3f2a1b'],
      reason: "Qaani's demand to Baghdad is another event",
    },
  })
  @ApiZodResponse(202, resultSchema, 'The IncidentSplit event; the new incident is inc-split-<first eventId>')
  @ApiError(404, 'No such incident (or none of its events is active now)')
  @ApiError(422, 'An event is not in the incident, or the split would take every event out')
  async split(
    @ZodParam('id', idParam) incidentId: string,
    @ZodBody(splitSchema) { eventIds, reason }: z.output<typeof splitSchema>,
    @CurrentAdmin() by: string,
  ): Promise<IncidentCorrectionResult> {
    const inIncident = await activeIncidentMembers(this.database.db, incidentId);
    if (inIncident.size === 0)
      throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no incident ${incidentId}` });
    const strangers = eventIds.filter((id) => !inIncident.has(id));
    if (strangers.length) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'not-in-incident',
        message: `not events of incident ${incidentId}: ${strangers.join(', ')}`,
        eventIds: strangers,
      });
    }
    if (eventIds.length === inIncident.size) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'nothing-left',
        message: `the split would take every event out of incident ${incidentId}`,
      });
    }
    return this.correct({ type: 'SplitIncident', incidentId, eventIds, by, reason });
  }

  private correct(command: IncidentCorrectionCommand): Promise<IncidentCorrectionResult> {
    return this.commands.execute(
      new CorrectIncidents(command, { actor: command.by, reason: command.reason, correlationId: randomUUID() }),
    );
  }
}
