import { sql } from 'kysely';
import type { Db } from '#db';
import type { AlertMessageV1 } from '../contract/alert-message.js';
import { webhookIdOf } from '../contract/alert-ids.js';
import type { AttemptOutcome } from './post-webhook.js';

type Executor = Pick<Db, 'insertInto' | 'selectFrom' | 'updateTable'>;

/** The delivery of one alert revision to a webhook; created once (a replayed dispatcher adds nothing). */
export async function recordPendingDelivery(executor: Executor, message: AlertMessageV1): Promise<void> {
  await executor
    .insertInto('alert_deliveries')
    .values({
      alert_id: message.alertId,
      revision: message.revision,
      webhook_id: webhookIdOf(message.alertId, message.revision),
      subscription_id: message.subscription.id,
      kind: message.kind,
      state: 'pending',
      message: JSON.stringify(message),
      delivered_at: null,
      last_error: null,
    })
    .onConflict((oc) => oc.columns(['alert_id', 'revision']).doNothing())
    .execute();
}

/** The attempt is recorded before the POST: an attempt cut short by a crash still shows, with no outcome. */
export async function startAttempt(
  db: Db,
  alertId: string,
  revision: number,
  url: string,
): Promise<{ attemptId: string; attempt: number }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('alert_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('alert_id', '=', alertId)
      .where('revision', '=', revision)
      .returning(['attempts'])
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto('alert_delivery_attempts')
      .values({
        alert_id: alertId,
        revision,
        attempt: row.attempts,
        url,
        started_at: sql<Date>`now()`,
        finished_at: null,
        status_code: null,
        latency_ms: null,
        ok: null,
        error: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { attemptId: inserted.id, attempt: row.attempts };
  });
}

export async function finishAttempt(
  db: Db,
  attemptId: string,
  alertId: string,
  revision: number,
  outcome: AttemptOutcome,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('alert_delivery_attempts')
      .set({
        finished_at: sql<Date>`now()`,
        status_code: outcome.status,
        latency_ms: outcome.latencyMs,
        ok: outcome.ok,
        error: outcome.error,
      })
      .where('id', '=', attemptId)
      .execute();
    await trx
      .updateTable('alert_deliveries')
      .set(
        outcome.ok
          ? { state: 'delivered', delivered_at: sql<Date>`now()`, last_error: null }
          : { last_error: outcome.error },
      )
      .where('alert_id', '=', alertId)
      .where('revision', '=', revision)
      .execute();
  });
}

/** Attempts are spent: the delivery is dead and a dead letter says so, until a replay. */
export async function deadLetter(db: Db, alertId: string, revision: number, error: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const delivery = await trx
      .updateTable('alert_deliveries')
      .set({ state: 'dead', last_error: error })
      .where('alert_id', '=', alertId)
      .where('revision', '=', revision)
      .where('state', '=', 'pending')
      .returning(['subscription_id', 'attempts'])
      .executeTakeFirst();
    if (!delivery) return;
    await trx
      .insertInto('alert_dead_letters')
      .values({
        alert_id: alertId,
        revision,
        subscription_id: delivery.subscription_id,
        attempts: delivery.attempts,
        last_error: error,
        replayed_at: null,
        replayed_by: null,
      })
      .execute();
  });
}

/**
 * Replay: the open dead letters of an alert go back to pending, marked replayed
 * by whom; the caller queues a fresh job for each. Returns the revisions and the
 * replay number (for the new job id).
 */
export async function reopenDeadLetters(
  db: Db,
  alertId: string,
  by: string,
  revision?: number,
): Promise<{ revision: number; subscriptionId: string; replay: number }[]> {
  return db.transaction().execute(async (trx) => {
    let query = trx
      .updateTable('alert_dead_letters')
      .set({ replayed_at: sql<Date>`now()`, replayed_by: by })
      .where('alert_id', '=', alertId)
      .where('replayed_at', 'is', null);
    if (revision !== undefined) query = query.where('revision', '=', revision);
    const open = await query.returning(['revision']).execute();
    const reopened: { revision: number; subscriptionId: string; replay: number }[] = [];
    for (const letter of open) {
      const delivery = await trx
        .updateTable('alert_deliveries')
        .set((eb) => ({ state: 'pending', replays: eb('replays', '+', 1) }))
        .where('alert_id', '=', alertId)
        .where('revision', '=', letter.revision)
        .returning(['subscription_id', 'replays'])
        .executeTakeFirstOrThrow();
      reopened.push({ revision: letter.revision, subscriptionId: delivery.subscription_id, replay: delivery.replays });
    }
    return reopened;
  });
}

/**
 * Deliveries still pending that were recorded before `before`, oldest first:
 * what a sweep queues again (under the same job id) when the queue lost its jobs.
 */
export async function pendingDeliveries(
  db: Db,
  before: Date,
  limit = 1_000,
): Promise<{ alertId: string; revision: number; subscriptionId: string }[]> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .select(['alert_id', 'revision', 'subscription_id'])
    .where('state', '=', 'pending')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ alertId: r.alert_id, revision: r.revision, subscriptionId: r.subscription_id }));
}
