import {
  BadRequestException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  type CreateSubscriptionInput,
  type SavedSubscriptionJson,
  SubscriptionNotFoundError,
  type SubscriptionJson,
  countSubscriptions,
  createSubscriptionSchema,
  getSubscription,
  listSubscriptions,
  savedSubscriptionSchema,
  subscriptionViewSchema,
  updateSubscriptionSchema,
} from '#alerts';
import { CommandBus } from '@nestjs/cqrs';
import { InternalAddressError, OutboundUrlError, checkOutboundUrl, defaultOutboundClient } from '#outbound';
import { DATABASE, type DatabaseHandle } from '#platform';
import { type Page, pageSchema, toPage } from '#read-models';
import { AdminOnly, CurrentAdmin } from '../auth/decorators.js';
import { ApiError, ApiZodBody, ApiZodQuery, ApiZodResponse } from '../http/openapi.js';
import { ZodBody, ZodParam, ZodQuery, uuidParam } from '../http/zod-validation.js';
import { subscriptionListParams } from './alert-params.js';
import { CreateSubscription, DeleteSubscription, UpdateSubscription } from './subscription-commands.js';

/** A webhook on an internal address (loopback, private, metadata…) is refused unless ALLOWED_INTERNAL_HOSTS names it. */
async function checkWebhookUrl(input: { delivery?: { webhook?: { url: string } | null } }): Promise<void> {
  const url = input.delivery?.webhook?.url;
  if (!url) return;
  try {
    await checkOutboundUrl(defaultOutboundClient().policy, url);
  } catch (error) {
    if (!(error instanceof InternalAddressError || error instanceof OutboundUrlError)) throw error;
    const fields = [{ field: 'delivery.webhook.url', message: error.message }];
    throw new BadRequestException({
      statusCode: 400,
      error: 'invalid-request',
      message: `delivery.webhook.url: ${error.message}`,
      fields,
    });
  }
}

const notFound = (id: string) =>
  new NotFoundException({ statusCode: 404, error: 'not-found', message: `no subscription ${id}` });

const EXAMPLES = {
  'waivers involving Iraq, to the queue': {
    name: 'WaiverGranted involving Iraq',
    rule: { eventTypes: ['WaiverGranted'], countries: ['IRQ'], countryRole: 'either', modalities: ['asserted'] },
    delivery: { queue: true },
  },
  'threats and attacks, even hypothetical ones, to a webhook': {
    name: 'Threats against US forces',
    rule: {
      eventTypes: ['ThreatIssued', 'AttackCarriedOut'],
      countries: ['USA'],
      countryRole: 'target',
      modalities: ['asserted', 'hypothetical'],
      minSources: 2,
    },
    delivery: { queue: false, webhook: { url: 'https://alerts.example.org/newsledger' } },
    notifyOnUpdate: true,
  },
};

/**
 * Alert subscriptions: a rule over coded events and incidents, and where to
 * deliver (the `alerts` queue, a signed webhook, or both). Every change writes
 * the row and appends SubscriptionCreated / Updated / Deleted (stream
 * `subscription-<id>`) with the logged-in admin, in one transaction.
 */
@ApiTags('alerts')
@Controller('api/subscriptions')
export class SubscriptionsController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly commands: CommandBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create a subscription',
    description:
      'A rule without `modalities` means asserted events only (stored as ["asserted"]). ' +
      'Without `delivery.webhook.secret` a whsec_ secret is generated; it is returned here once (`webhookSecret`) and never again.',
  })
  @ApiZodBody(createSubscriptionSchema, EXAMPLES)
  @ApiZodResponse(201, savedSubscriptionSchema, 'The subscription, and its webhook secret this once')
  async create(
    @ZodBody(createSubscriptionSchema) input: CreateSubscriptionInput,
    @CurrentAdmin() by: string,
  ): Promise<SavedSubscriptionJson> {
    await checkWebhookUrl(input);
    const { subscription, webhookSecret } = await this.commands.execute(new CreateSubscription(input, by));
    return { ...(subscription as SubscriptionJson), webhookSecret };
  }

  @Get()
  @AdminOnly()
  @ApiOperation({ summary: 'List subscriptions, oldest first (never their secrets)' })
  @ApiZodQuery(subscriptionListParams)
  @ApiZodResponse(200, pageSchema(subscriptionViewSchema), 'A page of subscriptions with the total')
  async list(
    @ZodQuery(subscriptionListParams) params: z.output<typeof subscriptionListParams>,
  ): Promise<Page<SubscriptionJson>> {
    const includeDeleted = params.includeDeleted === 'true';
    const offset = params.offset ?? 0;
    const [rows, total] = await Promise.all([
      listSubscriptions(this.database.db, { includeDeleted, limit: params.limit + 1, offset }),
      countSubscriptions(this.database.db, { includeDeleted }),
    ]);
    return toPage(rows as SubscriptionJson[], { limit: params.limit, offset }, new Date(), total);
  }

  @Get(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'One subscription, deleted ones included (with who deleted it)' })
  @ApiZodResponse(200, subscriptionViewSchema, 'The subscription')
  @ApiError(404, 'No such subscription')
  async get(@ZodParam('id', uuidParam) id: string): Promise<SubscriptionJson> {
    const found = await getSubscription(this.database.db, id);
    if (!found) throw notFound(id);
    return found as SubscriptionJson;
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change some fields (appends SubscriptionUpdated with what changed)',
    description: 'A webhook with a new `secret` rotates it; the new secret is returned once.',
  })
  @ApiZodBody(updateSubscriptionSchema, {
    rename: { name: 'Waivers for Iraq' },
    'also hypothetical events': { rule: { eventTypes: ['WaiverGranted'], modalities: ['asserted', 'hypothetical'] } },
  })
  @ApiZodResponse(200, savedSubscriptionSchema, 'The subscription as changed')
  @ApiError(404, 'No such subscription, or it was deleted')
  async update(
    @ZodParam('id', uuidParam) id: string,
    @ZodBody(updateSubscriptionSchema) input: z.output<typeof updateSubscriptionSchema>,
    @CurrentAdmin() by: string,
  ) {
    await checkWebhookUrl(input);
    return this.apply(id, input, by);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace name, rule and delivery (same body as create)' })
  @ApiZodBody(createSubscriptionSchema, EXAMPLES)
  @ApiZodResponse(200, savedSubscriptionSchema, 'The subscription as replaced')
  @ApiError(404, 'No such subscription, or it was deleted')
  async replace(
    @ZodParam('id', uuidParam) id: string,
    @ZodBody(createSubscriptionSchema) input: CreateSubscriptionInput,
    @CurrentAdmin() by: string,
  ) {
    await checkWebhookUrl(input);
    return this.apply(id, { ...input, notifyOnUpdate: input.notifyOnUpdate ?? false }, by);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete: no new alerts from now on (appends SubscriptionDeleted); its alerts and deliveries stay readable',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiError(404, 'No such subscription, or already deleted')
  async remove(@ZodParam('id', uuidParam) id: string, @CurrentAdmin() by: string): Promise<void> {
    if (!(await this.commands.execute(new DeleteSubscription(id, by)))) throw notFound(id);
  }

  private async apply(
    id: string,
    input: z.output<typeof updateSubscriptionSchema>,
    by: string,
  ): Promise<SavedSubscriptionJson> {
    try {
      const { subscription, webhookSecret } = await this.commands.execute(new UpdateSubscription(id, input, by));
      return { ...(subscription as SubscriptionJson), webhookSecret };
    } catch (error) {
      if (error instanceof SubscriptionNotFoundError) throw notFound(id);
      throw error;
    }
  }
}
