import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

/** Liveness without dependencies: answers as long as the process serves HTTP (and the baseline of bench:ingest). */
@ApiTags('operations')
@Controller('ping')
export class PingController {
  @Get()
  @ApiOperation({ summary: 'Liveness only: no database or queue check (see /health for readiness)' })
  @ApiOkResponse({
    description: 'Serving',
    schema: { type: 'object', properties: { pong: { type: 'boolean', enum: [true] } }, required: ['pong'] },
  })
  ping(): { pong: true } {
    return { pong: true };
  }
}
