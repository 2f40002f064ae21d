import { Module } from '@nestjs/common';
import { RequestRebuildHandler } from './rebuild-commands.js';
import { RebuildsController } from './rebuilds.controller.js';

@Module({ controllers: [RebuildsController], providers: [RequestRebuildHandler] })
export class RebuildsApiModule {}
