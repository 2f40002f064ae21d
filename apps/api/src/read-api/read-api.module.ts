import { Module } from '@nestjs/common';
import { ActorAliases } from './actor-aliases.js';
import { AnalysisController } from './analysis.controller.js';
import { ArticlesController } from './articles.controller.js';
import { EventsController } from './events.controller.js';
import { ExportsController } from './exports.controller.js';

/** The read API over the read models (libs/read-models); every route takes asOf. */
@Module({
  controllers: [ArticlesController, EventsController, AnalysisController, ExportsController],
  providers: [ActorAliases],
})
export class ReadApiModule {}
