import { BadRequestException, Body, ConflictException, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentAdmin } from '../auth/decorators.js';
import { randomUUID } from 'node:crypto';
import { EventStore } from '#event-store';
import {
  DEFAULT_POLL_INTERVAL_SECONDS,
  FeedAlreadyRegisteredError,
  type FeedView,
  InvalidFeedError,
  MAX_POLL_INTERVAL_SECONDS,
  MIN_POLL_INTERVAL_SECONDS,
  getFeed,
  listFeeds,
  parseFeedRegistration,
  registerFeed,
  removeFeed,
} from '#feeds';
import { InternalAddressError, OutboundUrlError, checkOutboundUrl, defaultOutboundClient } from '#outbound';
import { DATABASE, type DatabaseHandle } from '#platform';
import { AdminOnly } from '../auth/decorators.js';

/**
 * Pull ingest: RSS/Atom feeds the worker polls on a schedule. Registering or
 * removing a feed writes the feeds row and a FeedRegistered / FeedRemoved event
 * (stream feed-<id>) in one transaction; the worker's feed scheduler follows
 * the log. Everything here is for admins: a feed's state carries who registered
 * it and the publishers' error texts.
 */
@ApiTags('feeds')
@AdminOnly()
@Controller('api/feeds')
export class FeedsController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an RSS or Atom feed to poll', description: 'Each item becomes an article through the same ingest as the webhook; the same URL is stored once.' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['url', 'outlet'],
      properties: {
        url: { type: 'string', format: 'uri', description: 'http(s) URL of the feed' },
        outlet: { type: 'string', description: 'outlet name given to every article of this feed' },
        pollIntervalSeconds: { type: 'integer', minimum: MIN_POLL_INTERVAL_SECONDS, maximum: MAX_POLL_INTERVAL_SECONDS, default: DEFAULT_POLL_INTERVAL_SECONDS },
      },
    },
  })
  @ApiResponse({ status: 201, description: 'The registered feed: { id, url, outlet, pollIntervalSeconds, ... }' })
  @ApiResponse({ status: 400, description: 'Invalid fields, or a URL on an internal address (see ALLOWED_INTERNAL_HOSTS); the message names each one' })
  @ApiResponse({ status: 409, description: 'This URL is already registered: { existingId }' })
  async register(@Body() body: unknown, @CurrentAdmin() admin: string): Promise<FeedView> {
    let input;
    try {
      input = parseFeedRegistration(body);
    } catch (error) {
      if (error instanceof InvalidFeedError) throw new BadRequestException({ statusCode: 400, error: 'invalid-feed', message: error.message, fields: error.problems });
      throw error;
    }
    try {
      await checkOutboundUrl(defaultOutboundClient().policy, input.url);
    } catch (error) {
      if (error instanceof InternalAddressError || error instanceof OutboundUrlError) {
        throw new BadRequestException({ statusCode: 400, error: 'invalid-feed', message: `Invalid feed: url: ${error.message}`, fields: [{ field: 'url', message: error.message }] });
      }
      throw error;
    }
    try {
      return await registerFeed(this.database.db, this.store, input, admin, randomUUID());
    } catch (error) {
      if (error instanceof FeedAlreadyRegisteredError) {
        throw new ConflictException({ statusCode: 409, error: 'feed-exists', message: error.message, existingId: error.existingId });
      }
      throw error;
    }
  }

  @Get()
  @ApiOperation({ summary: 'List registered feeds with their poll state' })
  @ApiResponse({ status: 200, description: '{ feeds: [...] } in registration order' })
  async list(): Promise<{ feeds: FeedView[] }> {
    return { feeds: await listFeeds(this.database.db) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One feed: last poll time, last error, items seen / ingested / duplicate / skipped' })
  @ApiResponse({ status: 200, description: 'The feed' })
  @ApiResponse({ status: 404, description: 'No such feed' })
  async get(@Param('id') id: string): Promise<FeedView> {
    const feed = await getFeed(this.database.db, id);
    if (!feed) throw notFound(id);
    return feed;
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop polling a feed (appends FeedRemoved); its articles stay' })
  @ApiResponse({ status: 204, description: 'Removed' })
  @ApiResponse({ status: 404, description: 'No such feed' })
  async remove(@Param('id') id: string, @CurrentAdmin() admin: string): Promise<void> {
    const removed = await removeFeed(this.database.db, this.store, id, admin, randomUUID());
    if (!removed) throw notFound(id);
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'feed-not-found', message: `no feed ${id.slice(0, 100)}` });
}
