import { Module } from '@nestjs/common';
import { FEED_COMMAND_HANDLERS } from './feed-commands.js';
import { FeedsController } from './feeds.controller.js';

@Module({ controllers: [FeedsController], providers: [...FEED_COMMAND_HANDLERS] })
export class FeedsApiModule {}
