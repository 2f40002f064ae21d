import { Controller, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { streamOfEvent } from '#event-store';
import { DATABASE, type DatabaseHandle } from '#platform';
import { CurrentAdmin } from '../auth/decorators.js';
import { ApiError, ApiZodBody, ApiZodResponse } from '../http/openapi.js';
import { ZodBody, ZodParam, uuidParam } from '../http/zod-validation.js';
import { type ArticleCommandResult, ExecuteArticleCommand } from './article-command.handler.js';
import {
  CORRECT_EXAMPLES,
  RETRACT_EXAMPLES,
  articleCommandResultSchema,
  correctBody,
  recodeBody,
  retractBody,
} from './correction-bodies.js';

/**
 * Corrections and re-coding, each appended to the article's stream with who
 * and why; the read models follow from the log. Admin-only: AdminGuard asks
 * for a session and its CSRF token, and "who" is the logged-in admin's email.
 */
@ApiTags('corrections')
@Controller('api')
export class CorrectionsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {}

  @Post('events/:eventId/retract')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retract a coded event (appends EventRetracted)' })
  @ApiZodBody(retractBody, RETRACT_EXAMPLES)
  @ApiZodResponse(
    200,
    articleCommandResultSchema,
    'EventRetracted appended; appended is empty when it was already retracted',
  )
  @ApiError(404, 'No such event')
  async retract(
    @ZodParam('eventId', uuidParam) eventId: string,
    @ZodBody(retractBody) { reason }: z.output<typeof retractBody>,
    @CurrentAdmin() by: string,
  ): Promise<ArticleCommandResult> {
    const articleId = await this.articleOf(eventId);
    return this.commands.execute(
      new ExecuteArticleCommand(
        articleId,
        { type: 'RetractEvent', eventId, reason, by },
        { actor: by, reason, correlationId: randomUUID() },
      ),
    );
  }

  @Post('events/:eventId/correct')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correct fields of a coded event (appends EventCorrected; codes follow a changed type)' })
  @ApiZodBody(correctBody, CORRECT_EXAMPLES)
  @ApiZodResponse(200, articleCommandResultSchema, 'EventCorrected appended')
  @ApiError(404, 'No such event')
  @ApiError(409, 'The event is retracted')
  @ApiError(422, 'The correction makes an invalid event (e.g. a date that ends before it starts)')
  async correct(
    @ZodParam('eventId', uuidParam) eventId: string,
    @ZodBody(correctBody) { reason, changes }: z.output<typeof correctBody>,
    @CurrentAdmin() by: string,
  ): Promise<ArticleCommandResult> {
    const articleId = await this.articleOf(eventId);
    return this.commands.execute(
      new ExecuteArticleCommand(
        articleId,
        { type: 'CorrectEvent', eventId, changes: changes as never, reason, by },
        { actor: by, reason, correlationId: randomUUID() },
      ),
    );
  }

  @Post('articles/:id/recode')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Code the article again with the current coder; the result records what was added and retracted',
  })
  @ApiZodBody(
    recodeBody,
    { 'with a reason': { reason: 'The coder learned the Phoenix dictionaries' }, without: {} },
    false,
  )
  @ApiZodResponse(202, articleCommandResultSchema, 'ArticleRecodeRequested appended; the coding worker picks it up')
  @ApiError(404, 'No such article')
  async recode(
    @ZodParam('id', uuidParam) articleId: string,
    @ZodBody(recodeBody) { reason }: z.output<typeof recodeBody>,
    @CurrentAdmin() by: string,
  ): Promise<ArticleCommandResult> {
    return this.commands.execute(
      new ExecuteArticleCommand(
        articleId,
        { type: 'RequestRecode', requestedBy: by, reason },
        { actor: by, reason, correlationId: randomUUID() },
      ),
    );
  }

  /** A coded event is stored under its own id in its article's stream. */
  private async articleOf(eventId: string): Promise<string> {
    const streamId = await streamOfEvent(this.database.db, eventId);
    if (!streamId || !streamId.startsWith('article-'))
      throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no coded event ${eventId}` });
    return streamId.slice('article-'.length);
  }
}
