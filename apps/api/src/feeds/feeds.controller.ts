import {
  BadRequestException,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  FeedAlreadyRegisteredError,
  type FeedRegistration,
  type FeedView,
  feedRegistrationSchema,
  feedViewSchema,
  getFeed,
  listFeeds,
} from '#feeds';
import { InternalAddressError, OutboundUrlError, checkOutboundUrl, defaultOutboundClient } from '#outbound';
import { DATABASE, type DatabaseHandle } from '#platform';
import { AdminOnly, CurrentAdmin } from '../auth/decorators.js';
import { ApiError, ApiZodBody, ApiZodResponse } from '../http/openapi.js';
import { ZodBody, ZodParam, idParam } from '../http/zod-validation.js';
import { RegisterFeed, RemoveFeed } from './feed-commands.js';

const registrationBody = feedRegistrationSchema.strict();

/**
 * Pull ingest: RSS/Atom feeds the worker polls on a schedule. Registering or
 * removing a feed writes the feeds row and a FeedRegistered / FeedRemoved event
 * (stream feed-<id>) in one transaction; the worker's feed scheduler follows
 * the log. Admin-only: a feed shows who registered it and internal poll errors.
 */
@ApiTags('feeds')
@AdminOnly()
@Controller('api/feeds')
export class FeedsController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly commands: CommandBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register an RSS or Atom feed to poll',
    description: 'Each item becomes an article through the same ingest as the webhook; the same URL is stored once.',
  })
  @ApiZodBody(registrationBody, {
    'an RSS feed, hourly': {
      url: 'https://news.example.org/world/rss.xml',
      outlet: 'Example News',
      pollIntervalSeconds: 3600,
    },
  })
  @ApiZodResponse(201, feedViewSchema, 'The registered feed')
  @ApiError(409, 'This URL is already registered (existingId names it)')
  @ApiError(
    400,
    'Invalid fields, or a URL on an internal address (see ALLOWED_INTERNAL_HOSTS); the message names each one',
  )
  async register(@ZodBody(registrationBody) input: FeedRegistration, @CurrentAdmin() admin: string): Promise<FeedView> {
    try {
      await checkOutboundUrl(defaultOutboundClient().policy, input.url);
    } catch (error) {
      if (error instanceof InternalAddressError || error instanceof OutboundUrlError) {
        const fields = [{ field: 'url', message: error.message }];
        throw new BadRequestException({
          statusCode: 400,
          error: 'invalid-request',
          message: `url: ${error.message}`,
          fields,
        });
      }
      throw error;
    }
    try {
      return await this.commands.execute(new RegisterFeed(input, admin, randomUUID()));
    } catch (error) {
      if (error instanceof FeedAlreadyRegisteredError) {
        throw new ConflictException({
          statusCode: 409,
          error: 'feed-exists',
          message: error.message,
          existingId: error.existingId,
        });
      }
      throw error;
    }
  }

  @Get()
  @ApiOperation({ summary: 'List registered feeds with their poll state' })
  @ApiZodResponse(
    200,
    z.object({ feeds: z.array(feedViewSchema).describe('Every feed, in registration order') }),
    'The feeds',
  )
  async list(): Promise<{ feeds: FeedView[] }> {
    return { feeds: await listFeeds(this.database.db) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One feed: last poll time, last error, items seen / ingested / duplicate / skipped' })
  @ApiZodResponse(200, feedViewSchema, 'The feed')
  @ApiError(404, 'No such feed')
  async get(@ZodParam('id', idParam) id: string): Promise<FeedView> {
    const feed = await getFeed(this.database.db, id);
    if (!feed) throw notFound(id);
    return feed;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop polling a feed (appends FeedRemoved); its articles stay' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiError(404, 'No such feed')
  async remove(@ZodParam('id', idParam) id: string, @CurrentAdmin() admin: string): Promise<void> {
    const removed = await this.commands.execute(new RemoveFeed(id, admin, randomUUID()));
    if (!removed) throw notFound(id);
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'feed-not-found', message: `no feed ${id.slice(0, 100)}` });
}
