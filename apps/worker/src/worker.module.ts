import { Module } from '@nestjs/common';
import { PlatformModule } from '#platform';
import { ReadModelProjectionsModule } from './projections/read-model-projections.module.js';
import { AlertsWorkerModule } from './alerts/alerts.module.js';
import { CodingModule } from './coding/coding.module.js';
import { FeedsWorkerModule } from './feeds/feeds.module.js';
import { RebuildsModule } from './rebuilds/rebuilds.module.js';

/** The background side: dispatcher, coding processor, projections, alert delivery. */
@Module({
  imports: [
    PlatformModule,
    CodingModule,
    ReadModelProjectionsModule,
    FeedsWorkerModule,
    AlertsWorkerModule,
    RebuildsModule,
  ],
})
export class WorkerModule {}
