import { Module } from '@nestjs/common';
import { ArticleWebhookController } from './article-webhook.controller.js';

@Module({ controllers: [ArticleWebhookController] })
export class WebhooksModule {}
