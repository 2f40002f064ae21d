import { Module } from '@nestjs/common';
import { PlatformModule } from '#platform';

/** The background side: dispatcher, coding processor, projections, alert delivery. */
@Module({ imports: [PlatformModule] })
export class WorkerModule {}
