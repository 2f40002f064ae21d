import { Body, ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { EventStore } from '#event-store';
import { DATABASE, type DatabaseHandle } from '#platform';
import { RebuildRefused, type RebuildView, listRebuilds, rebuildableNames, requestRebuild } from '#read-models';
import { AdminOnly, CurrentAdmin } from '../auth/decorators.js';

@ApiTags('operations')
@Controller('api/operations')
export class RebuildsController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly store: EventStore,
  ) {}

  @Post('consumers/:name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild a read-model projection blue/green',
    description:
      'The new version catches up from the start of the log beside the live one, which keeps serving; then they swap in one transaction. ' +
      'Follow it at statusUrl. Rebuildable: read-model.articles, read-model.events, read-model.incidents.',
  })
  @ApiBody({ required: false, schema: { type: 'object', properties: { reason: { type: 'string' } } } })
  @ApiResponse({ status: 202, description: '{ rebuildId, statusUrl }' })
  @ApiResponse({ status: 404, description: 'not a rebuildable projection' })
  @ApiResponse({ status: 409, description: 'a rebuild of it is already requested or running' })
  async rebuild(@Param('name') name: string, @Body() body: { reason?: unknown } | undefined, @CurrentAdmin() admin: string) {
    const rebuildId = randomUUID();
    const reason = typeof body?.reason === 'string' && body.reason.trim() ? body.reason.trim().slice(0, 2_000) : undefined;
    try {
      await requestRebuild(this.database.db, this.store, { rebuildId, consumer: name, requestedBy: admin, reason });
    } catch (error) {
      if (error instanceof RebuildRefused) {
        throw error.reason === 'unknown-projection' ? new NotFoundException(error.message) : new ConflictException(error.message);
      }
      throw error;
    }
    return { rebuildId, statusUrl: `/api/operations/rebuilds/${rebuildId}` };
  }

  @Get('rebuilds')
  @AdminOnly()
  @ApiOperation({ summary: 'Recent rebuilds with their progress (events processed, events remaining) and which projections can be rebuilt' })
  async list(): Promise<{ rebuildable: string[]; rebuilds: RebuildView[] }> {
    return { rebuildable: rebuildableNames(), rebuilds: await listRebuilds(this.database.db) };
  }

  @Get('rebuilds/:id')
  @AdminOnly()
  @ApiOperation({ summary: 'One rebuild: status requested → running → swapped (or failed with the error), and its progress' })
  async one(@Param('id', ParseUUIDPipe) rebuildId: string): Promise<RebuildView> {
    const [rebuild] = await listRebuilds(this.database.db, { rebuildId });
    if (!rebuild) throw new NotFoundException(`no rebuild ${rebuildId}`);
    return rebuild;
  }
}
