import { ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DATABASE, type DatabaseHandle } from '#platform';
import { RebuildRefused, type RebuildView, listRebuilds, rebuildViewSchema, rebuildableNames } from '#read-models';
import { AdminOnly, CurrentAdmin } from '../auth/decorators.js';
import { ApiError, ApiZodBody, ApiZodResponse } from '../http/openapi.js';
import { ZodBody, ZodParam, uuidParam } from '../http/zod-validation.js';
import { RequestRebuild } from './rebuild-commands.js';

const rebuildBody = z.strictObject({
  reason: z.string().trim().max(2_000).optional().describe('Why: shown with the rebuild'),
});
const requestedSchema = z.object({ rebuildId: z.string(), statusUrl: z.string().describe('GET it for the progress') });
const rebuildsSchema = z.object({
  rebuildable: z.array(z.string()),
  rebuilds: z.array(rebuildViewSchema).describe('The 50 most recent, newest first'),
});
const consumerName = z
  .string()
  .max(200)
  .regex(/^[a-z0-9.-]+$/, 'must be a consumer name such as read-model.events');

@ApiTags('operations')
@Controller('api/operations')
export class RebuildsController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly commands: CommandBus,
  ) {}

  @Post('consumers/:name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild a read-model projection blue/green',
    description:
      'The new version catches up from the start of the log beside the live one, which keeps serving; then they swap in one transaction. ' +
      'Follow it at statusUrl. Rebuildable: read-model.articles, read-model.events, read-model.incidents.',
  })
  @ApiZodBody(
    rebuildBody,
    { 'after a projection fix': { reason: 'the incidents projection learned a new grouping rule' } },
    false,
  )
  @ApiZodResponse(202, requestedSchema, 'Requested')
  @ApiError(404, 'Not a rebuildable projection')
  @ApiError(409, 'A rebuild of it is already requested or running')
  async rebuild(
    @ZodParam('name', consumerName) name: string,
    @ZodBody(rebuildBody) body: z.output<typeof rebuildBody>,
    @CurrentAdmin() admin: string,
  ) {
    const rebuildId = randomUUID();
    const reason = body.reason || undefined;
    try {
      await this.commands.execute(new RequestRebuild({ rebuildId, consumer: name, requestedBy: admin, reason }));
    } catch (error) {
      if (error instanceof RebuildRefused) {
        throw error.reason === 'unknown-projection'
          ? new NotFoundException(error.message)
          : new ConflictException(error.message);
      }
      throw error;
    }
    return { rebuildId, statusUrl: `/api/operations/rebuilds/${rebuildId}` };
  }

  @Get('rebuilds')
  @AdminOnly()
  @ApiOperation({
    summary:
      'Recent rebuilds with their progress (events processed, events remaining) and which projections can be rebuilt',
  })
  @ApiZodResponse(200, rebuildsSchema, 'Rebuilds')
  async list(): Promise<{ rebuildable: string[]; rebuilds: RebuildView[] }> {
    return { rebuildable: rebuildableNames(), rebuilds: await listRebuilds(this.database.db) };
  }

  @Get('rebuilds/:id')
  @AdminOnly()
  @ApiOperation({
    summary: 'One rebuild: status requested → running → swapped (or failed with the error), and its progress',
  })
  @ApiZodResponse(200, rebuildViewSchema, 'The rebuild')
  @ApiError(404, 'No such rebuild')
  async one(@ZodParam('id', uuidParam) rebuildId: string): Promise<RebuildView> {
    const [rebuild] = await listRebuilds(this.database.db, { rebuildId });
    if (!rebuild)
      throw new NotFoundException({ statusCode: 404, error: 'not-found', message: `no rebuild ${rebuildId}` });
    return rebuild;
  }
}
