import { Module } from '@nestjs/common';
import { createCoderRunner } from './coder-runner.js';
import { CodingDispatcher } from './coding-dispatcher.js';
import { CODER_RUNNER } from './coding.module-tokens.js';
import { CodingProcessor } from './coding.processor.js';

/** Received article → `coding` queue → coded events in the article's stream. */
@Module({
  providers: [{ provide: CODER_RUNNER, useFactory: createCoderRunner }, CodingDispatcher, CodingProcessor],
})
export class CodingModule {}
