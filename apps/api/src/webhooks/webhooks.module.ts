import { Module } from '@nestjs/common';
import { ArticleWebhookController } from './article-webhook.controller.js';
import { IngestBaselineController } from './ingest-baseline.controller.js';
import { StoreArticleHandler } from './store-article.handler.js';

@Module({ controllers: [ArticleWebhookController, IngestBaselineController], providers: [StoreArticleHandler] })
export class WebhooksModule {}
