import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Headers,
  HttpCode,
  Inject,
  type OnModuleDestroy,
  Post,
  ServiceUnavailableException,
  Res,
  UnauthorizedException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { type AppConfig, webhookSecret } from '#config';
import {
  BodyTextTimeoutError,
  type BodyTextRunner,
  InvalidArticleError,
  WebhookIdReusedError,
  createBodyTextRunner,
  parseArticlePayload,
  prepareArticle,
  webhookIdProblem,
} from '#ingest';
import { APP_CONFIG, RAW_JSON_BODY, decodeUtf8Body, parseJsonText } from '#platform';
import { ApiError, ApiZodResponse } from '../http/openapi.js';
import { StoreArticle } from './store-article.handler.js';

const storedSchema = z.object({
  articleId: z.string(),
  statusUrl: z.string().describe('GET it to follow the coding'),
  duplicate: z.literal(true).optional().describe('Present on a 200: already stored, nothing new'),
});

@ApiTags('ingest')
@Controller('webhooks')
export class ArticleWebhookController implements OnModuleDestroy {
  private readonly webhook: Webhook;
  /** Large bodies become text on a worker thread, so the api keeps answering meanwhile. */
  private readonly bodyText: BodyTextRunner = createBodyTextRunner();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
  ) {
    this.webhook = new Webhook(webhookSecret(config));
  }

  async onModuleDestroy(): Promise<void> {
    await this.bodyText.close();
  }

  @Post('articles')
  @HttpCode(202)
  // The body arrives as raw bytes: the signature is checked over them before any JSON is parsed.
  @RouteConfig({ rateLimit: {}, ...RAW_JSON_BODY })
  @ApiOperation({
    summary: 'Deliver an article (Standard Webhooks signed)',
    description:
      'Verifies the webhook-id/webhook-timestamp/webhook-signature headers with WEBHOOK_SECRET over the raw body before parsing it ' +
      '(timestamps older than 5 minutes are refused), validates the body (bounds in the README, "Limits"), turns HTML into clean text, ' +
      'and answers 202 only once ArticleReceived is committed in PostgreSQL. The same delivery again (same webhook-id and article), ' +
      'or the same URL (normalised) or text under another webhook-id, answers 200 with the same articleId and stores nothing; ' +
      'a webhook-id already used for a different article answers 409.',
  })
  @ApiHeader({ name: 'webhook-id', required: true, description: '1 to 256 visible ASCII characters, one per article' })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds' })
  @ApiHeader({
    name: 'webhook-signature',
    required: true,
    description: 'v1,<base64 HMAC-SHA256 of "id.timestamp.body">',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['url', 'title', 'publishedAt', 'body', 'outlet'],
      properties: {
        url: { type: 'string', format: 'uri' },
        title: { type: 'string' },
        publishedAt: {
          type: 'string',
          description: 'YYYY-MM-DD or ISO date-time; dates in the text resolve against it',
        },
        body: { type: 'string', description: 'plain text or HTML' },
        outlet: { type: 'string' },
        sourceId: { type: 'string' },
        language: { type: 'string', example: 'en' },
      },
    },
  })
  @ApiZodResponse(202, storedSchema, 'Stored: { articleId, statusUrl }')
  @ApiZodResponse(
    200,
    storedSchema,
    'Already stored (same webhook-id, URL or text): { articleId, statusUrl, duplicate: true }',
  )
  @ApiResponse({
    status: 400,
    description: 'Malformed JSON, a bad webhook-id or invalid fields; the message names each field',
    schema: {
      type: 'object',
      properties: {
        statusCode: { type: 'number' },
        error: { type: 'string' },
        message: { type: 'string' },
        fields: { type: 'array', items: { type: 'object' } },
      },
    },
  })
  @ApiError(401, 'Missing, bad or stale signature')
  @ApiError(409, 'This webhook-id was already used for a different article: { articleId } of that one')
  @ApiError(413, 'Body larger than MAX_BODY_BYTES')
  @ApiError(415, 'Body is not application/json')
  @ApiError(429, 'Too many deliveries from this sender')
  @ApiError(503, 'PostgreSQL unreachable; nothing stored, retry later')
  async deliver(
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers() headers: Record<string, string>,
    @Body() body: unknown,
  ) {
    if (body !== undefined && !Buffer.isBuffer(body))
      throw new UnsupportedMediaTypeException('send the article as application/json');
    // Standard Webhooks signs text: bytes that are not UTF-8 cannot be verified (nor be JSON), so they are refused first.
    const text = decodeUtf8Body(Buffer.isBuffer(body) ? body : Buffer.alloc(0));
    const webhookId = this.verify(text, headers);
    const idProblem = webhookIdProblem(webhookId);
    if (idProblem) {
      const fields = [{ field: 'webhook-id', message: idProblem }];
      throw new BadRequestException({
        statusCode: 400,
        error: 'invalid-webhook-id',
        message: `webhook-id: ${idProblem}`,
        fields,
      });
    }
    let prepared;
    try {
      const payload = parseArticlePayload(parseJsonText(text));
      prepared = prepareArticle(
        payload,
        { kind: 'webhook', webhookId },
        webhookId,
        await this.bodyText.bodyToText(payload.body),
      );
    } catch (error) {
      if (error instanceof InvalidArticleError)
        throw new BadRequestException({
          statusCode: 400,
          error: 'invalid-article',
          message: error.message,
          fields: error.problems,
        });
      if (error instanceof BodyTextTimeoutError)
        throw new ServiceUnavailableException({ statusCode: 503, error: 'busy', message: error.message });
      throw error;
    }
    let result;
    try {
      result = await this.commands.execute(new StoreArticle(prepared));
    } catch (error) {
      if (error instanceof WebhookIdReusedError) {
        throw new ConflictException({
          statusCode: 409,
          error: 'webhook-id-reused',
          message: error.message,
          articleId: error.articleId,
        });
      }
      throw error;
    }
    if (result.duplicate) void reply.status(200);
    return {
      articleId: result.articleId,
      statusUrl: `/api/articles/${result.articleId}`,
      ...(result.duplicate && { duplicate: true }),
    };
  }

  /** Returns the webhook-id once the signature over the body received (before any parsing) is valid and fresh. */
  private verify(body: string, headers: Record<string, string>): string {
    const required = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];
    const missing = required.filter((name) => !headers[name]);
    if (missing.length > 0) throw new UnauthorizedException(`missing ${missing.join(', ')} header(s)`);
    try {
      this.webhook.verify(body, headers, { jsonParse: false });
    } catch (error) {
      if (error instanceof WebhookVerificationError)
        throw new UnauthorizedException(`webhook signature rejected: ${error.message}`);
      throw error;
    }
    return headers['webhook-id']!;
  }
}
