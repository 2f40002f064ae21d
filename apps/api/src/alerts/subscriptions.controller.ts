import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  type CreateSubscriptionInput,
  InvalidSubscriptionError,
  SubscriptionNotFoundError,
  type SubscriptionView,
  createSubscription,
  createSubscriptionSchema,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  parseSubscriptionInput,
  updateSubscription,
  updateSubscriptionSchema,
} from '#alerts';
import { EventStore } from '#event-store';
import { InternalAddressError, OutboundUrlError, checkOutboundUrl, defaultOutboundClient } from '#outbound';
import { DATABASE, type DatabaseHandle } from '#platform';
import { AdminOnly, CurrentAdmin } from '../auth/decorators.js';

const openApi = (schema: z.ZodType) => {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json as never;
};

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  try {
    return parseSubscriptionInput(schema, body);
  } catch (error) {
    if (!(error instanceof InvalidSubscriptionError)) throw error;
    throw new BadRequestException({ statusCode: 400, error: 'invalid-request', message: error.message, fields: error.fields });
  }
}

/** A webhook on an internal address (loopback, private, metadata…) is refused unless ALLOWED_INTERNAL_HOSTS names it. */
async function checkWebhookUrl(input: { delivery?: { webhook?: { url: string } | null } }): Promise<void> {
  const url = input.delivery?.webhook?.url;
  if (!url) return;
  try {
    await checkOutboundUrl(defaultOutboundClient().policy, url);
  } catch (error) {
    if (!(error instanceof InternalAddressError || error instanceof OutboundUrlError)) throw error;
    const fields = [{ field: 'delivery.webhook.url', message: error.message }];
    throw new BadRequestException({ statusCode: 400, error: 'invalid-request', message: `delivery.webhook.url: ${error.message}`, fields });
  }
}

const notFound = (id: string) => new NotFoundException({ statusCode: 404, error: 'not-found', message: `no subscription ${id}` });

/**
 * Alert subscriptions: a rule over coded events and incidents, and where to
 * deliver (the `alerts` queue, a signed webhook, or both). Every change writes
 * the row and appends SubscriptionCreated / Updated / Deleted (stream
 * `subscription-<id>`) with the logged-in admin, in one transaction.
 */
@ApiTags('alerts')
@ApiCookieAuth()
@Controller('api/subscriptions')
export class SubscriptionsController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly store: EventStore,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a subscription', description: 'Without `delivery.webhook.secret` a whsec_ secret is generated; it is returned here once (`webhookSecret`) and never again.' })
  @ApiBody({ schema: openApi(createSubscriptionSchema) })
  @ApiCreatedResponse({ description: '{ ...subscription, webhookSecret }' })
  async create(@Body() body: unknown, @CurrentAdmin() by: string): Promise<SubscriptionView & { webhookSecret: string | null }> {
    const input = parse(createSubscriptionSchema, body);
    await checkWebhookUrl(input);
    const { subscription, webhookSecret } = await createSubscription(this.database.db, this.store, input, by);
    return { ...subscription, webhookSecret };
  }

  @Get()
  @AdminOnly()
  @ApiOperation({ summary: 'List subscriptions (never their secrets)' })
  @ApiOkResponse({ description: '{ subscriptions: [...] } oldest first' })
  async list(): Promise<{ subscriptions: SubscriptionView[] }> {
    return { subscriptions: await listSubscriptions(this.database.db) };
  }

  @Get(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'One subscription, deleted ones included (with who deleted it)' })
  @ApiNotFoundResponse({ description: 'No such subscription' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<SubscriptionView> {
    const found = await getSubscription(this.database.db, id);
    if (!found) throw notFound(id);
    return found;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields (appends SubscriptionUpdated with what changed)', description: 'A webhook with a new `secret` rotates it; the new secret is returned once.' })
  @ApiBody({ schema: openApi(updateSubscriptionSchema) })
  @ApiNotFoundResponse({ description: 'No such subscription, or it was deleted' })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown, @CurrentAdmin() by: string) {
    const input = parse(updateSubscriptionSchema, body);
    await checkWebhookUrl(input);
    return this.apply(id, input, by);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace name, rule and delivery (same body as create)' })
  @ApiBody({ schema: openApi(createSubscriptionSchema) })
  @ApiNotFoundResponse({ description: 'No such subscription, or it was deleted' })
  async replace(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown, @CurrentAdmin() by: string) {
    const input: CreateSubscriptionInput = parse(createSubscriptionSchema, body);
    await checkWebhookUrl(input);
    return this.apply(id, { ...input, notifyOnUpdate: input.notifyOnUpdate ?? false }, by);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete: no new alerts from now on (appends SubscriptionDeleted); its alerts and deliveries stay readable' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ description: 'No such subscription, or already deleted' })
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentAdmin() by: string): Promise<void> {
    if (!(await deleteSubscription(this.database.db, this.store, id, by))) throw notFound(id);
  }

  private async apply(id: string, input: z.output<typeof updateSubscriptionSchema>, by: string) {
    try {
      const { subscription, webhookSecret } = await updateSubscription(this.database.db, this.store, id, input, by);
      return { ...subscription, webhookSecret };
    } catch (error) {
      if (error instanceof SubscriptionNotFoundError) throw notFound(id);
      throw error;
    }
  }
}
