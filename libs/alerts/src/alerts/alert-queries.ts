import { type Selectable, sql } from 'kysely';
import type { AlertsTable, Db } from '#db';
import { type Page, type PageRequest, toPage, visibleAt } from '#read-models';
import { alertStreamId } from '../contract/alert-ids.js';
import type { AlertExplanation, AlertMessageV1 } from '../contract/alert-message.js';
import { fullExplanation } from './explanation-store.js';

export interface AlertFilters {
  subscriptionId?: string;
  status?: 'active' | 'retracted';
  /** First raised at or after / before (recorded time). */
  from?: Date;
  to?: Date;
}

export interface AlertView {
  alertId: string;
  subscriptionId: string;
  subscriptionName: string;
  incidentId: string;
  status: 'active' | 'retracted';
  eventType: string;
  eventIds: string[];
  articleIds: string[];
  sourceCount: number;
  outletCount: number;
  explanation: AlertExplanation;
  retraction: AlertMessageV1['retraction'] | null;
  raisedAt: string;
  /** When this state (version) was recorded. */
  updatedAt: string;
  version: number;
}

export interface DeliveryAttemptView {
  attempt: number;
  url: string;
  startedAt: string;
  finishedAt: string | null;
  status: number | null;
  latencyMs: number | null;
  ok: boolean | null;
  /** null with finishedAt null: the worker stopped during the attempt. */
  error: string | null;
}

export interface DeliveryView {
  revision: number;
  kind: string;
  webhookId: string;
  state: 'pending' | 'delivered' | 'dead';
  attempts: DeliveryAttemptView[];
  replays: number;
  createdAt: string;
  deliveredAt: string | null;
  lastError: string | null;
  deadLetters: {
    failedAt: string;
    attempts: number;
    lastError: string | null;
    replayedAt: string | null;
    replayedBy: string | null;
  }[];
}

export interface AlertDetail extends AlertView {
  /** What downstream was told, in order (the alert's stream). */
  announcements: {
    revision: number;
    kind: string;
    recordedAt: string;
    delivered: { queue: boolean; webhook: boolean };
  }[];
  deliveries: DeliveryView[];
}

/** A current or past alert row with its explanation, wherever it is stored. */
export type ExplainedAlertRow = Selectable<AlertsTable> & { full_explanation: unknown };

function toView(row: ExplainedAlertRow & { subscription_name: string | null }): AlertView {
  return {
    alertId: row.alert_id,
    subscriptionId: row.subscription_id,
    subscriptionName: row.subscription_name ?? '(unknown)',
    incidentId: row.incident_id,
    status: row.status,
    eventType: row.event_type,
    eventIds: row.event_ids,
    articleIds: row.article_ids,
    sourceCount: row.source_count,
    outletCount: row.outlet_count,
    explanation: row.full_explanation as AlertExplanation,
    retraction: (row.retraction as AlertMessageV1['retraction']) ?? null,
    raisedAt: row.first_recorded_at.toISOString(),
    updatedAt: row.recorded_from.toISOString(),
    version: row.version,
  };
}

/** Alerts as recorded before asOf (default: now), newest first. */
export async function listAlerts(db: Db, filters: AlertFilters, page: PageRequest): Promise<Page<AlertView>> {
  const pinned = new Date();
  let query = db
    .selectFrom('alerts as a')
    .leftJoin('alert_subscriptions as s', 's.subscription_id', 'a.subscription_id')
    .selectAll('a')
    .select(['s.name as subscription_name', fullExplanation('a').as('full_explanation')])
    .where(visibleAt('a', page.asOf));
  if (filters.subscriptionId) query = query.where('a.subscription_id', '=', filters.subscriptionId);
  if (filters.status) query = query.where('a.status', '=', filters.status);
  if (filters.from) query = query.where('a.first_recorded_at', '>=', filters.from);
  if (filters.to) query = query.where('a.first_recorded_at', '<', filters.to);
  const [rows, counted] = await Promise.all([
    query
      .orderBy('a.first_recorded_at', 'desc')
      .orderBy('a.alert_id')
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute(),
    query
      .clearSelect()
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirst(),
  ]);
  return toPage(rows.map(toView), page, pinned, Number(counted?.n ?? 0));
}

/** One alert with what was announced and every delivery attempt. Deliveries are not versioned: always the latest. */
export async function getAlert(db: Db, alertId: string, asOf?: Date): Promise<AlertDetail | undefined> {
  const row = await db
    .selectFrom('alerts as a')
    .leftJoin('alert_subscriptions as s', 's.subscription_id', 'a.subscription_id')
    .selectAll('a')
    .select(['s.name as subscription_name', fullExplanation('a').as('full_explanation')])
    .where('a.alert_id', '=', alertId)
    .where(visibleAt('a', asOf))
    .executeTakeFirst();
  if (!row) return undefined;
  let streamQuery = db
    .selectFrom('events')
    .select(['stream_version', 'type', 'data', 'recorded_at'])
    .where('stream_id', '=', alertStreamId(alertId))
    .orderBy('stream_version');
  if (asOf) streamQuery = streamQuery.where('recorded_at', '<', asOf);
  const [stream, deliveries, attempts, letters] = await Promise.all([
    streamQuery.execute(),
    db.selectFrom('alert_deliveries').selectAll().where('alert_id', '=', alertId).orderBy('revision').execute(),
    db.selectFrom('alert_delivery_attempts').selectAll().where('alert_id', '=', alertId).orderBy('id').execute(),
    db.selectFrom('alert_dead_letters').selectAll().where('alert_id', '=', alertId).orderBy('failed_at').execute(),
  ]);
  return {
    ...toView(row),
    announcements: stream.map((e) => {
      const data = e.data as { message: AlertMessageV1; route: { queue: boolean; webhook: boolean } };
      return {
        revision: Number(e.stream_version),
        kind: data.message.kind,
        recordedAt: e.recorded_at.toISOString(),
        delivered: data.route,
      };
    }),
    deliveries: deliveries.map((d) => ({
      revision: d.revision,
      kind: d.kind,
      webhookId: d.webhook_id,
      state: d.state,
      replays: d.replays,
      createdAt: d.created_at.toISOString(),
      deliveredAt: d.delivered_at?.toISOString() ?? null,
      lastError: d.last_error,
      attempts: attempts
        .filter((a) => a.revision === d.revision)
        .map((a) => ({
          attempt: a.attempt,
          url: a.url,
          startedAt: a.started_at.toISOString(),
          finishedAt: a.finished_at?.toISOString() ?? null,
          status: a.status_code,
          latencyMs: a.latency_ms,
          ok: a.ok,
          error: a.error ?? (a.finished_at ? null : 'no outcome: the worker stopped during this attempt'),
        })),
      deadLetters: letters
        .filter((l) => l.revision === d.revision)
        .map((l) => ({
          failedAt: l.failed_at.toISOString(),
          attempts: l.attempts,
          lastError: l.last_error,
          replayedAt: l.replayed_at?.toISOString() ?? null,
          replayedBy: l.replayed_by,
        })),
    })),
  };
}

/**
 * Current alert rows whose matched events include any of these (retractions and
 * corrections find their alerts here), leaving out alerts on `exceptIncidents`.
 * Index probes on alert_event_links, then each current row tested again here (a
 * link may be left from an older version of the alert; testing the arrays in
 * SQL compared every element with every id, ~0.03 ms a row).
 */
export async function currentAlertsWithEvents(
  db: Pick<Db, 'selectFrom'>,
  eventIds: string[],
  exceptIncidents: string[] = [],
): Promise<ExplainedAlertRow[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .select(fullExplanation('alerts').as('full_explanation'))
    .where('recorded_to', 'is', null)
    .where(
      sql<boolean>`alert_id in (
        select l.alert_id from alert_event_links l
        where l.event_id = any(${sql.val(eventIds)}::text[])
          and l.incident_id <> all(${sql.val(exceptIncidents)}::text[]))`,
    )
    .execute();
  const wanted = new Set(eventIds);
  return rows.filter((row) => row.event_ids.some((id) => wanted.has(id)));
}
