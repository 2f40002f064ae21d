import { Controller, Get, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '#config';
import { APP_CONFIG } from '../tokens.js';
import { MetricsService } from './metrics.service.js';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Prometheus text; with METRICS_TOKEN set, only for `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly expected?: Buffer;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.expected = config.METRICS_TOKEN ? sha256(`Bearer ${config.METRICS_TOKEN}`) : undefined;
  }

  @Get()
  scrape(
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('authorization') authorization?: string,
  ): Promise<string> {
    if (
      this.expected &&
      !(
        typeof authorization === 'string' &&
        timingSafeEqual(sha256(authorization.replace(/^bearer /i, 'Bearer ')), this.expected)
      )
    ) {
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'unauthenticated',
        message: 'send Authorization: Bearer <METRICS_TOKEN>',
      });
    }
    // Set here, not with @Header: a refusal must still go out as JSON.
    void reply.header('content-type', 'text/plain; version=0.0.4');
    return this.metrics.registry.metrics();
  }
}
