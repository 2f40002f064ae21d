import { BadRequestException, Body, Controller, Headers, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { type AppConfig, webhookSecret } from '#config';
import { EventStore } from '#event-store';
import { ArticleGroupCommit, InvalidArticleError, parseArticlePayload, prepareArticle } from '#ingest';
import { APP_CONFIG, DATABASE, type DatabaseHandle } from '#platform';
import { ApiError, ApiZodResponse } from '../http/openapi.js';

const storedSchema = z.object({
  articleId: z.string(),
  statusUrl: z.string().describe('GET it to follow the coding'),
  duplicate: z.literal(true).optional().describe('Present on a 200: already stored, nothing new'),
});

@ApiTags('ingest')
@Controller('webhooks')
export class ArticleWebhookController {
  private readonly webhook: Webhook;
  /** Concurrent deliveries share a transaction and its commit (see ArticleGroupCommit). */
  private readonly groupCommit: ArticleGroupCommit;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly store: EventStore,
  ) {
    this.webhook = new Webhook(webhookSecret(config));
    this.groupCommit = new ArticleGroupCommit(database.db, store);
  }

  @Post('articles')
  @HttpCode(202)
  @RouteConfig({ rateLimit: {} })
  @ApiOperation({
    summary: 'Deliver an article (Standard Webhooks signed)',
    description:
      'Verifies the webhook-id/webhook-timestamp/webhook-signature headers with WEBHOOK_SECRET (timestamps older than 5 minutes are refused), ' +
      'validates the body, turns HTML into clean text, and answers 202 only once ArticleReceived is committed in PostgreSQL. ' +
      'The same webhook-id, URL (normalised) or text again answers 200 with the same articleId and stores nothing.',
  })
  @ApiHeader({ name: 'webhook-id', required: true })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds' })
  @ApiHeader({ name: 'webhook-signature', required: true, description: 'v1,<base64 HMAC-SHA256 of "id.timestamp.body">' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['url', 'title', 'publishedAt', 'body', 'outlet'],
      properties: {
        url: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        publishedAt: { type: 'string', description: 'YYYY-MM-DD or ISO date-time; dates in the text resolve against it' },
        body: { type: 'string', description: 'plain text or HTML' },
        outlet: { type: 'string' },
        sourceId: { type: 'string' },
        language: { type: 'string', example: 'en' },
      },
    },
  })
  @ApiZodResponse(202, storedSchema, 'Stored: { articleId, statusUrl }')
  @ApiZodResponse(200, storedSchema, 'Already stored (same webhook-id, URL or text): { articleId, statusUrl, duplicate: true }')
  @ApiResponse({
    status: 400,
    description: 'Malformed JSON or invalid fields; the message names each field',
    schema: { type: 'object', properties: { statusCode: { type: 'number' }, error: { type: 'string' }, message: { type: 'string' }, fields: { type: 'array', items: { type: 'object' } } } },
  })
  @ApiError(401, 'Missing, bad or stale signature')
  @ApiError(413, 'Body larger than MAX_BODY_BYTES')
  @ApiError(429, 'Too many deliveries from this sender')
  @ApiError(503, 'PostgreSQL unreachable; nothing stored, retry later')
  async deliver(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers() headers: Record<string, string>,
    @Body() body: unknown,
  ) {
    const webhookId = this.verify(request.rawBody, headers);
    let prepared;
    try {
      prepared = prepareArticle(parseArticlePayload(body), { kind: 'webhook', webhookId }, webhookId);
    } catch (error) {
      if (error instanceof InvalidArticleError) throw new BadRequestException({ statusCode: 400, error: 'invalid-article', message: error.message, fields: error.problems });
      throw error;
    }
    const result = await this.groupCommit.submit(prepared);
    if (result.duplicate) void reply.status(200);
    return { articleId: result.articleId, statusUrl: `/api/articles/${result.articleId}`, ...(result.duplicate && { duplicate: true }) };
  }

  /** Returns the webhook-id once the signature over the exact bytes received is valid and fresh. */
  private verify(rawBody: Buffer | undefined, headers: Record<string, string>): string {
    const required = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];
    const missing = required.filter((name) => !headers[name]);
    if (missing.length > 0) throw new UnauthorizedException(`missing ${missing.join(', ')} header(s)`);
    try {
      this.webhook.verify(rawBody ?? Buffer.alloc(0), headers, { jsonParse: false });
    } catch (error) {
      if (error instanceof WebhookVerificationError) throw new UnauthorizedException(`webhook signature rejected: ${error.message}`);
      throw error;
    }
    return headers['webhook-id']!;
  }
}
