import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  type OnModuleInit,
  Post,
  Req,
} from '@nestjs/common';
import { UnauthorizedException } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { type AppConfig, webhookSecret } from '#config';
import { APP_CONFIG, DATABASE, type DatabaseHandle } from '#platform';

/** A copy of `events` (same columns, defaults, indexes) that only this endpoint writes. */
export const INGEST_BASELINE_TABLE = 'bench_ingest_baseline';

/**
 * The least a durable webhook can do, for `npm run bench:ingest` to compare
 * the article webhook against on the same Fastify app: verify the signature,
 * one INSERT of the row an article becomes (an ArticleReceived-shaped events
 * row of the body as sent: no validation, no cleaning, no dedup keys), commit,
 * answer 202. A fairer baseline than GET /ping, which answers from memory.
 * Answers 404 unless INGEST_BASELINE_ENDPOINT=true; never enable it in
 * production (it stores whatever a signed sender posts).
 */
@ApiExcludeController()
@Controller('bench')
export class IngestBaselineController implements OnModuleInit {
  private readonly webhook: Webhook;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: DatabaseHandle,
  ) {
    this.webhook = new Webhook(webhookSecret(config));
  }

  async onModuleInit(): Promise<void> {
    // Not a migration: the table exists only where the bench switched the endpoint on.
    if (!this.config.INGEST_BASELINE_ENDPOINT) return;
    await this.database.pool.query(`create table if not exists ${INGEST_BASELINE_TABLE} (like events including all)`);
  }

  @Post('ingest-baseline')
  @HttpCode(202)
  @RouteConfig({ rateLimit: {} })
  async deliver(
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers() headers: Record<string, string>,
    @Body() body: unknown,
  ): Promise<{ articleId: string }> {
    if (!this.config.INGEST_BASELINE_ENDPOINT) {
      throw new NotFoundException('the ingest baseline is off (INGEST_BASELINE_ENDPOINT)');
    }
    try {
      this.webhook.verify(request.rawBody ?? Buffer.alloc(0), headers, { jsonParse: false });
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        throw new UnauthorizedException(`webhook signature rejected: ${error.message}`);
      }
      throw error;
    }
    const articleId = randomUUID();
    const webhookId = headers['webhook-id']!;
    const insert = `insert into ${INGEST_BASELINE_TABLE} (stream_id, stream_version, event_id, type, data, metadata)
                    values ($1, 1, $2, 'ArticleReceived', $3, $4)`;
    await this.database.pool.query(insert, [
      `article-${articleId}`,
      articleId,
      JSON.stringify(body),
      JSON.stringify({ correlationId: webhookId, actor: `webhook:${webhookId}`, schemaVersion: 1 }),
    ]);
    return { articleId };
  }
}
