import { Module } from '@nestjs/common';
import type { AppConfig } from '#config';
import { APP_CONFIG } from '#platform';
import { createCoderRunner } from './coder-runner.js';
import { CodingDispatcher } from './coding-dispatcher.js';
import { CODER_RUNNER } from './coding.module-tokens.js';
import { CodingProcessor } from './coding.processor.js';

/** Received article → `coding` queue → coded events in the article's stream. */
@Module({
  providers: [
    {
      provide: CODER_RUNNER,
      useFactory: (config: AppConfig) =>
        createCoderRunner({
          timeoutMs: config.CODING_TIMEOUT_MS,
          ...(config.CODER_THREADS && { maxThreads: config.CODER_THREADS }),
        }),
      inject: [APP_CONFIG],
    },
    CodingDispatcher,
    CodingProcessor,
  ],
})
export class CodingModule {}
