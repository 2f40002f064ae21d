import { Module } from '@nestjs/common';
import { FeedPollProcessor } from './feed-poll.processor.js';
import { FeedScheduler } from './feed-scheduler.service.js';

/** Pull ingest: a job scheduler per registered feed → `feeds` queue → ingestArticle per item. */
@Module({ providers: [FeedScheduler, FeedPollProcessor] })
export class FeedsWorkerModule {}
