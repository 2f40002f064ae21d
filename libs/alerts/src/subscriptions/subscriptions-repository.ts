import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { AlertSubscriptionsTable, Db } from '#db';
import { DomainError, subscriptionDecider } from '#domain';
import { type EventStore, handleCommand } from '#event-store';
import type { AlertRule } from '../rules/alert-rule.js';
import type { IndexedRule } from '../rules/rule-index.js';
import { type SubscriptionSettings, subscriptionStreamId } from './subscription-events.js';
import {
  type CreateSubscriptionInput,
  type UpdateSubscriptionInput,
  asRule,
  newWebhookSecret,
} from './subscription-input.js';

/** A subscription as the API shows it: never the secret (except once, on creation). */
export interface SubscriptionView extends SubscriptionSettings {
  id: string;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt: string | null;
  deletedBy: string | null;
}

type Row = Selectable<AlertSubscriptionsTable>;

export function toSubscriptionView(row: Row): SubscriptionView {
  return {
    id: row.subscription_id,
    name: row.name,
    rule: row.rule as AlertRule,
    delivery: { queue: row.deliver_to_queue, webhook: row.webhook_url ? { url: row.webhook_url } : null },
    notifyOnUpdate: row.notify_on_update,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
    deletedAt: row.deleted_at?.toISOString() ?? null,
    deletedBy: row.deleted_by,
  };
}

/**
 * Creates the subscription as a command on its stream (SubscriptionCreated,
 * with who) and writes its row in the same transaction: the log and the table
 * never disagree. Returns the view and the webhook secret (generated unless
 * given), which is shown only this once.
 */
export async function createSubscription(
  db: Db,
  store: EventStore,
  input: CreateSubscriptionInput,
  by: string,
  correlationId = randomUUID(),
): Promise<{ subscription: SubscriptionView; webhookSecret: string | null }> {
  const id = randomUUID();
  const secret = input.delivery.webhook ? (input.delivery.webhook.secret ?? newWebhookSecret()) : null;
  const settings: SubscriptionSettings = {
    name: input.name,
    rule: asRule(input.rule),
    delivery: {
      queue: input.delivery.queue ?? false,
      webhook: input.delivery.webhook ? { url: input.delivery.webhook.url } : null,
    },
    notifyOnUpdate: input.notifyOnUpdate ?? false,
  };
  const { result: row } = await handleCommand(
    store,
    subscriptionStreamId(id),
    subscriptionDecider,
    { type: 'CreateSubscription', subscriptionId: id, settings, by },
    {
      metadata: { correlationId, actor: by },
      alongside: (trx, outcome) => {
        // Database time, like the events' recorded_at the rule's start is compared with.
        const now = sql<Date>`now()`;
        return trx
          .insertInto('alert_subscriptions')
          .values({
            subscription_id: id,
            name: settings.name,
            rule: JSON.stringify(settings.rule),
            deliver_to_queue: settings.delivery.queue,
            webhook_url: settings.delivery.webhook?.url ?? null,
            webhook_secret: secret,
            notify_on_update: settings.notifyOnUpdate,
            version: outcome.nextExpectedVersion,
            created_at: now,
            created_by: by,
            updated_at: now,
            updated_by: by,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      },
    },
  );
  return { subscription: toSubscriptionView(row), webhookSecret: secret };
}

export class SubscriptionNotFoundError extends Error {}

/** A refusal of the subscription's decider for a subscription that is not there (unknown or deleted). */
const isNotFound = (error: unknown): boolean => error instanceof DomainError && error.code === 'subscription-not-found';

/**
 * Applies a partial update as a command on the subscription's stream
 * (SubscriptionUpdated with only the fields that change, decided on the
 * stream's state) and updates the row in the same transaction. A new webhook
 * URL without a secret keeps the current secret; a new secret rotates it.
 */
export async function updateSubscription(
  db: Db,
  store: EventStore,
  id: string,
  input: UpdateSubscriptionInput,
  by: string,
  correlationId = randomUUID(),
): Promise<{ subscription: SubscriptionView; webhookSecret: string | null }> {
  // The secret lives only in the row (never in the log): what the update does to it is decided from the row.
  const current = await db
    .selectFrom('alert_subscriptions')
    .select(['webhook_secret'])
    .where('subscription_id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!current) throw new SubscriptionNotFoundError(id);
  const changes: Partial<SubscriptionSettings> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.rule !== undefined) changes.rule = asRule(input.rule);
  if (input.notifyOnUpdate !== undefined) changes.notifyOnUpdate = input.notifyOnUpdate;
  let secret = current.webhook_secret;
  let secretRotated = false;
  if (input.delivery !== undefined) {
    const webhook = input.delivery.webhook ? { url: input.delivery.webhook.url } : null;
    if (webhook && (input.delivery.webhook!.secret || !secret)) {
      secret = input.delivery.webhook!.secret ?? newWebhookSecret();
      secretRotated = secret !== current.webhook_secret;
    }
    if (!webhook) secret = null;
    changes.delivery = { queue: input.delivery.queue ?? false, webhook };
  }
  try {
    const { result: row } = await handleCommand(
      store,
      subscriptionStreamId(id),
      subscriptionDecider,
      { type: 'UpdateSubscription', subscriptionId: id, changes, secretRotated, by },
      {
        metadata: { correlationId, actor: by },
        alongside: async (trx, outcome) => {
          const event = outcome.events[0];
          if (!event || event.type !== 'SubscriptionUpdated')
            return trx
              .selectFrom('alert_subscriptions')
              .selectAll()
              .where('subscription_id', '=', id)
              .executeTakeFirstOrThrow();
          const changed = event.data.changes;
          return trx
            .updateTable('alert_subscriptions')
            .set({
              ...(changed.name !== undefined && { name: changed.name }),
              ...(changed.rule !== undefined && { rule: JSON.stringify(changed.rule) }),
              ...(changed.notifyOnUpdate !== undefined && { notify_on_update: changed.notifyOnUpdate }),
              ...(changed.delivery !== undefined && {
                deliver_to_queue: changed.delivery.queue,
                webhook_url: changed.delivery.webhook?.url ?? null,
              }),
              webhook_secret: secret,
              version: outcome.nextExpectedVersion,
              updated_at: sql<Date>`now()`,
              updated_by: by,
            })
            .where('subscription_id', '=', id)
            .returningAll()
            .executeTakeFirstOrThrow();
        },
      },
    );
    return { subscription: toSubscriptionView(row), webhookSecret: secretRotated ? secret : null };
  } catch (error) {
    if (isNotFound(error)) throw new SubscriptionNotFoundError(id);
    throw error;
  }
}

/** Marks it deleted (the row stays: its alerts and deliveries still name it) and appends SubscriptionDeleted. */
export async function deleteSubscription(
  db: Db,
  store: EventStore,
  id: string,
  by: string,
  correlationId = randomUUID(),
): Promise<boolean> {
  try {
    await handleCommand(
      store,
      subscriptionStreamId(id),
      subscriptionDecider,
      { type: 'DeleteSubscription', subscriptionId: id, by },
      {
        metadata: { correlationId, actor: by },
        alongside: (trx, outcome) =>
          trx
            .updateTable('alert_subscriptions')
            .set({ deleted_at: sql<Date>`now()`, deleted_by: by, version: outcome.nextExpectedVersion })
            .where('subscription_id', '=', id)
            .execute(),
      },
    );
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

export async function getSubscription(db: Db, id: string): Promise<SubscriptionView | undefined> {
  const row = await db
    .selectFrom('alert_subscriptions')
    .selectAll()
    .where('subscription_id', '=', id)
    .executeTakeFirst();
  return row && toSubscriptionView(row);
}

export async function listSubscriptions(
  db: Db,
  options: { includeDeleted?: boolean; limit?: number; offset?: number } = {},
): Promise<SubscriptionView[]> {
  let query = db.selectFrom('alert_subscriptions').selectAll().orderBy('created_at').orderBy('subscription_id');
  if (!options.includeDeleted) query = query.where('deleted_at', 'is', null);
  if (options.limit !== undefined) query = query.limit(options.limit).offset(options.offset ?? 0);
  return (await query.execute()).map(toSubscriptionView);
}

export async function countSubscriptions(db: Db, options: { includeDeleted?: boolean } = {}): Promise<number> {
  let query = db.selectFrom('alert_subscriptions').select((eb) => eb.fn.countAll<string>().as('n'));
  if (!options.includeDeleted) query = query.where('deleted_at', 'is', null);
  return Number((await query.executeTakeFirst())?.n ?? 0);
}

/** What the rule index loads: every subscription, deleted ones with the instant they stopped applying. */
export async function loadIndexedRules(db: Pick<Db, 'selectFrom'>): Promise<IndexedRule[]> {
  const rows = await db
    .selectFrom('alert_subscriptions')
    .select(['subscription_id', 'rule', 'created_at', 'deleted_at'])
    .execute();
  return rows.map((r) => ({
    subscriptionId: r.subscription_id,
    rule: r.rule as AlertRule,
    activeFrom: r.created_at,
    ...(r.deleted_at && { activeUntil: r.deleted_at }),
  }));
}
