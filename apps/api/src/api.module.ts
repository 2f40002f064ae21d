import { Module } from '@nestjs/common';
import { PlatformModule } from '#platform';

/** The HTTP side: webhook ingest, read-model API, admin API. */
@Module({ imports: [PlatformModule] })
export class ApiModule {}
