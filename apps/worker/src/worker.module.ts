import { Module } from '@nestjs/common';
import { PlatformModule } from '#platform';
import { ReadModelProjectionsModule } from '#read-models';
import { CodingModule } from './coding/coding.module.js';

/** The background side: dispatcher, coding processor, projections, alert delivery. */
@Module({ imports: [PlatformModule, CodingModule, ReadModelProjectionsModule] })
export class WorkerModule {}
