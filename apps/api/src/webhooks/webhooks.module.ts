import { Module } from '@nestjs/common';
import { ArticleWebhookController } from './article-webhook.controller.js';
import { IngestBaselineController } from './ingest-baseline.controller.js';

@Module({ controllers: [ArticleWebhookController, IngestBaselineController] })
export class WebhooksModule {}
