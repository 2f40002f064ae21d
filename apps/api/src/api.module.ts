import { Module } from '@nestjs/common';
import { PlatformModule } from '#platform';
import { AlertsApiModule } from './alerts/alerts-api.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CorrectionsModule } from './corrections/corrections.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { FeedsApiModule } from './feeds/feeds.module.js';
import { IncidentCorrectionsModule } from './incident-corrections/incident-corrections.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { ReadApiModule } from './read-api/read-api.module.js';
import { RebuildsApiModule } from './rebuilds/rebuilds.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

/** The HTTP side: webhook ingest, read-model API, admin API. */
@Module({
  imports: [
    PlatformModule,
    AuthModule,
    WebhooksModule,
    CorrectionsModule,
    ReadApiModule,
    FeedsApiModule,
    OperationsModule,
    DashboardModule,
    AlertsApiModule,
    RebuildsApiModule,
    IncidentCorrectionsModule,
  ],
})
export class ApiModule {}
