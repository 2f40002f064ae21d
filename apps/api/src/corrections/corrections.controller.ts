import { BadRequestException, Body, Controller, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCookieAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { EVENT_TYPE_NAMES, MODALITIES, SECTORS } from '#domain';
import { DATABASE, type DatabaseHandle } from '#platform';
import { CurrentAdmin } from '../auth/decorators.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { type ArticleCommandResult, ExecuteArticleCommand } from './article-command.handler.js';

const reasonSchema = z.string().trim().min(3, 'must say why (3 characters at least)').max(2_000);
/** A name as a person writes it: bounded, and no control characters (NUL and surrogates are refused for every body). */
const nameSchema = (max: number) => z.string().trim().min(1, 'must not be empty').max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');
const actorSchema = z.object({
  name: nameSchema(300),
  id: z.string().max(200).regex(/^[a-z0-9-]+$/, 'must be a lower-case slug'),
  country: z.string().regex(/^([A-Z]{3}|IGO)$/, 'must be ISO alpha-3 or IGO'),
  sector: z.enum(SECTORS as [string, ...string[]]),
});
/** Events are dated from 1900 to 2199: outside that a date is a typo, and year 0 cannot even be stored. */
const isoDay = z.iso.date().refine((day) => day >= '1900-01-01' && day <= '2199-12-31', 'must lie between 1900-01-01 and 2199-12-31');
const dateSchema = z
  .object({ start: isoDay, end: isoDay, precision: z.enum(['day', 'week', 'month', 'season', 'year', 'unknown']), text: z.string().max(500).optional() })
  .refine((date) => date.start <= date.end, { message: 'start must not be after end', path: ['end'] });
const correctionSchema = z.object({
  reason: reasonSchema,
  changes: z
    .object({
      type: z.enum(EVENT_TYPE_NAMES as unknown as [string, ...string[]]).optional(),
      agent: z.array(actorSchema).max(20).optional(),
      target: z.array(actorSchema).max(20).optional(),
      date: dateSchema.optional(),
      location: z.object({ name: nameSchema(300), country: z.string().regex(/^[A-Z]{3}$/) }).optional(),
      modality: z.enum(MODALITIES as [string, ...string[]]).optional(),
    })
    .strict()
    .refine((changes) => Object.keys(changes).length > 0, 'must change at least one field'),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
    throw new BadRequestException({ statusCode: 400, error: 'invalid-request', message: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields });
  }
  return parsed.data;
}

/**
 * Corrections and re-coding, each appended to the article's stream with who
 * and why; the read models follow from the log. Admin-only: AdminGuard asks
 * for a session and its CSRF token, and "who" is the logged-in admin's email.
 */
@ApiTags('corrections')
@ApiCookieAuth(SESSION_COOKIE)
@ApiHeader({ name: 'x-csrf-token', required: true, description: 'the csrfToken that POST /api/auth/login returned' })
@Controller('api')
export class CorrectionsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  @Post('events/:eventId/retract')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retract a coded event (appends EventRetracted)' })
  @ApiBody({ schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } })
  @ApiResponse({ status: 200, description: '{ articleId, appended, streamVersion }; appended is empty when it was already retracted' })
  @ApiResponse({ status: 404, description: 'no such event' })
  async retract(@Param('eventId', ParseUUIDPipe) eventId: string, @Body() body: unknown, @CurrentAdmin() by: string): Promise<ArticleCommandResult> {
    const { reason } = parse(z.object({ reason: reasonSchema }), body);
    const articleId = await this.articleOf(eventId);
    return this.commands.execute(new ExecuteArticleCommand(articleId, { type: 'RetractEvent', eventId, reason, by }, { actor: by, reason, correlationId: randomUUID() }));
  }

  @Post('events/:eventId/correct')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correct fields of a coded event (appends EventCorrected; codes follow a changed type)' })
  @ApiBody({ schema: { type: 'object', required: ['reason', 'changes'], properties: { reason: { type: 'string' }, changes: { type: 'object', description: 'any of type, agent, target, date, location, modality' } } } })
  @ApiResponse({ status: 409, description: 'the event is retracted' })
  async correct(@Param('eventId', ParseUUIDPipe) eventId: string, @Body() body: unknown, @CurrentAdmin() by: string): Promise<ArticleCommandResult> {
    const { reason, changes } = parse(correctionSchema, body);
    const articleId = await this.articleOf(eventId);
    return this.commands.execute(
      new ExecuteArticleCommand(articleId, { type: 'CorrectEvent', eventId, changes: changes as never, reason, by }, { actor: by, reason, correlationId: randomUUID() }),
    );
  }

  @Post('articles/:id/recode')
  @HttpCode(202)
  @ApiOperation({ summary: 'Code the article again with the current coder; the result records what was added and retracted' })
  @ApiResponse({ status: 202, description: 'ArticleRecodeRequested appended; the coding worker picks it up' })
  @ApiResponse({ status: 404, description: 'no such article' })
  async recode(@Param('id', ParseUUIDPipe) articleId: string, @Body() body: unknown, @CurrentAdmin() by: string): Promise<ArticleCommandResult> {
    const { reason } = parse(z.object({ reason: reasonSchema.optional() }), body);
    return this.commands.execute(new ExecuteArticleCommand(articleId, { type: 'RequestRecode', requestedBy: by, reason }, { actor: by, reason, correlationId: randomUUID() }));
  }

  /** A coded event is stored under its own id in its article's stream. */
  private async articleOf(eventId: string): Promise<string> {
    const row = await this.database.db.selectFrom('events').select('stream_id').where('event_id', '=', eventId).executeTakeFirst();
    if (!row || !row.stream_id.startsWith('article-')) throw new NotFoundException(`no coded event ${eventId}`);
    return row.stream_id.slice('article-'.length);
  }
}
