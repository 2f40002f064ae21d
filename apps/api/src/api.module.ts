import { Module } from '@nestjs/common';
import { PlatformModule } from '#platform';
import { FeedsApiModule } from './feeds/feeds.module.js';
import { ReadApiModule } from './read-api/read-api.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

/** The HTTP side: webhook ingest, read-model API, admin API. */
@Module({ imports: [PlatformModule, WebhooksModule, ReadApiModule, FeedsApiModule] })
export class ApiModule {}
