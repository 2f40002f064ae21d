import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

/** Liveness without dependencies: answers as long as the process serves HTTP (and the baseline of bench:ingest). */
@ApiTags('operations')
@Controller('ping')
export class PingController {
  @Get()
  @ApiOperation({ summary: 'Liveness only: no database or queue check (see /health for readiness)' })
  ping(): { pong: true } {
    return { pong: true };
  }
}
