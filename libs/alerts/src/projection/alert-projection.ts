import { type Insertable, type Transaction, sql } from 'kysely';
import {
  EVENT_TYPE_NAMES,
  INCIDENT_CORRECTION_TYPES,
  type IncidentSplit,
  type IncidentsMerged,
  isEventType,
} from '#domain';
import type { AlertsTable, Database } from '#db';
import {
  type EventStore,
  type LogConsumerOptions,
  type StoredEvent,
  type StreamAppend,
  deterministicEventId,
} from '#event-store';
import { INCIDENTS_PROJECTION } from '#read-models';
import {
  ALERT_MESSAGE_SCHEMA,
  type AlertAnnounced,
  type AlertEventExplained,
  type AlertMessageV1,
  type AlertRule,
  SUBSCRIPTION_EVENT_TYPES,
  alertEventType,
  alertStreamId,
} from '#domain';
import { type Announced, announcement } from '../alerts/announce.js';
import { type ExplainedAlertRow, currentAlertsWithEvents } from '../alerts/alert-queries.js';
import { explanationHash, fullExplanation, storeExplanations } from '../alerts/explanation-store.js';
import { alertIdOf, webhookIdOf } from '../contract/alert-ids.js';
import { explainAlert } from '../explanation/explain.js';
import { enoughSources } from '../rules/evaluate.js';
import { RuleIndex } from '../rules/rule-index.js';
import { loadIndexedRules } from '../subscriptions/subscriptions-repository.js';
import { type Member, incidentsOf, membersOf } from './incident-members.js';

export const ALERT_PROJECTION = 'alerts.projection';

interface SubscriptionMeta {
  name: string;
  queue: boolean;
  webhook: boolean;
  notifyOnUpdate: boolean;
  deleted: boolean;
}

/** What an alert should look like now, computed from the read models. */
interface Desired {
  alertId: string;
  subscriptionId: string;
  incidentId: string;
  status: 'active' | 'retracted';
  eventType: string;
  eventIds: string[];
  articleIds: string[];
  sourceCount: number;
  outletCount: number;
  explanation: AlertMessageV1['explanation'];
  retraction: AlertMessageV1['retraction'] | null;
}

type AlertRow = ExplainedAlertRow;

/**
 * The alert projection: a log consumer that runs after the incidents
 * projection, so every event it sees is already placed in its incident.
 *
 * Per batch: the incidents touched by its coded events, retractions,
 * corrections and analysts' merges and splits (and the incidents of alerts
 * that name those events) are re-evaluated against the rule index. At most
 * one alert per (subscription, incident), with a deterministic id; its row is
 * versioned by recorded time.
 * Whatever downstream must hear is appended to the alert's stream in this same
 * transaction (the dispatcher queues it from the log), judged against what was
 * last announced there — so a rebuild that recomputes the same alerts announces
 * nothing, and nothing is delivered twice.
 */
export function createAlertProjection(
  store: EventStore,
): Pick<LogConsumerOptions, 'name' | 'types' | 'after' | 'handle'> & { invalidate(): void } {
  let index: RuleIndex | undefined;
  let subscriptions = new Map<string, SubscriptionMeta>();

  const load = async (trx: Transaction<Database>) => {
    index = new RuleIndex(await loadIndexedRules(trx));
    const rows = await trx
      .selectFrom('alert_subscriptions')
      .select(['subscription_id', 'name', 'deliver_to_queue', 'webhook_url', 'notify_on_update', 'deleted_at'])
      .execute();
    subscriptions = new Map(
      rows.map((r) => [
        r.subscription_id,
        {
          name: r.name,
          queue: r.deliver_to_queue,
          webhook: r.webhook_url !== null,
          notifyOnUpdate: r.notify_on_update,
          deleted: r.deleted_at !== null,
        },
      ]),
    );
  };

  return {
    name: ALERT_PROJECTION,
    types: [
      ...EVENT_TYPE_NAMES,
      'EventRetracted',
      'EventCorrected',
      ...INCIDENT_CORRECTION_TYPES,
      ...SUBSCRIPTION_EVENT_TYPES,
    ],
    after: [INCIDENTS_PROJECTION],
    invalidate: () => (index = undefined),
    handle: async (events, trx) => {
      // Subscription changes commit with their table row: reload the index when one passes by.
      if (!index || events.some((e) => (SUBSCRIPTION_EVENT_TYPES as readonly string[]).includes(e.type)))
        await load(trx);
      const article = events.filter((e) => !(SUBSCRIPTION_EVENT_TYPES as readonly string[]).includes(e.type));
      if (article.length === 0 || index!.size === 0) return;
      await project(trx, store, index!, subscriptions, article);
    },
  };
}

/**
 * The coded events a batch concerns. An analyst's merge or split names
 * incidents: it concerns their events now (the incidents projection has placed
 * them) and the events of the alerts raised on those incidents before.
 */
async function eventIdsOf(trx: Transaction<Database>, events: StoredEvent[]): Promise<string[]> {
  const ids = new Set<string>();
  const incidents = new Set<string>();
  for (const event of events) {
    if (event.type === 'IncidentsMerged')
      (event.data as IncidentsMerged).incidentIds.forEach((id) => incidents.add(id));
    else if (event.type === 'IncidentSplit') {
      const split = event.data as IncidentSplit;
      incidents.add(split.incidentId);
      split.eventIds.forEach((id) => ids.add(id));
    } else if (isEventType(event.type) || event.type === 'EventRetracted' || event.type === 'EventCorrected')
      ids.add((event.data as { eventId: string }).eventId);
  }
  if (incidents.size) {
    const named = [...incidents];
    const members = await trx
      .selectFrom('read_incident_members')
      .select('event_id')
      .where('recorded_to', 'is', null)
      .where('incident_id', 'in', named)
      .execute();
    members.forEach((m) => ids.add(m.event_id));
    const alerts = await trx
      .selectFrom('alerts')
      .select('event_ids')
      .where('recorded_to', 'is', null)
      .where('incident_id', 'in', named)
      .execute();
    alerts.forEach((a) => a.event_ids.forEach((id) => ids.add(id)));
  }
  return [...ids];
}

async function project(
  trx: Transaction<Database>,
  store: EventStore,
  index: RuleIndex,
  subscriptions: Map<string, SubscriptionMeta>,
  events: StoredEvent[],
): Promise<void> {
  const at = events.reduce((latest, e) => (e.recordedAt > latest ? e.recordedAt : latest), events[0]!.recordedAt);
  const eventIds = await eventIdsOf(trx, events);
  if (eventIds.length === 0) return;

  // Incidents to look at: where the batch's events are now, and where alerts naming them were.
  const touched = new Set((await incidentsOf(trx, eventIds)).values());
  const existing = new Map<string, AlertRow>();
  for (const alert of await currentAlertsWithEvents(trx, eventIds)) existing.set(alert.alert_id, alert);
  for (const alert of existing.values()) touched.add(alert.incident_id);
  let members = await membersOf(trx, [...touched]);
  // A merge moves another incident's events here: its alert must be looked at too
  // (the touched incidents' own alerts are read next).
  const moved = await currentAlertsWithEvents(
    trx,
    [...members.values()].flat().map((m) => m.eventId),
    [...touched],
  );
  const extra = [...new Set(moved.map((a) => a.incident_id))];
  for (const alert of moved) existing.set(alert.alert_id, alert);
  if (extra.length) {
    for (const id of extra) touched.add(id);
    members = new Map([...members, ...(await membersOf(trx, extra))]);
  }
  const byIncident = await trx
    .selectFrom('alerts')
    .selectAll()
    .select(fullExplanation('alerts').as('full_explanation'))
    .where('recorded_to', 'is', null)
    .where('incident_id', 'in', [...touched])
    .execute();
  for (const alert of byIncident) existing.set(alert.alert_id, alert);

  // Evaluate every touched incident.
  const desired = new Map<string, Desired>();
  for (const incidentId of touched) {
    const list = members.get(incidentId) ?? [];
    for (const d of evaluateIncident(index, incidentId, list)) desired.set(d.alertId, d);
  }
  // Alerts that no longer match anything go to retracted, saying why.
  const currentIncident = await incidentsOf(trx, [...new Set([...existing.values()].flatMap((a) => a.event_ids))]);
  const retractedEvents = await retractedAmong(
    trx,
    [...existing.values()].flatMap((a) => a.event_ids),
  );
  for (const alert of existing.values()) {
    const wanted = desired.get(alert.alert_id);
    if (wanted?.status === 'active') continue;
    const mergedInto = alert.event_ids
      .map((id) => currentIncident.get(id))
      .filter((inc): inc is string => Boolean(inc) && inc !== alert.incident_id)
      .map((inc) => alertIdOf(alert.subscription_id, inc))
      .find((id) => desired.get(id)?.status === 'active');
    const reason = mergedInto
      ? 'merged'
      : alert.event_ids.some((id) => retractedEvents.has(id))
        ? 'event-retracted'
        : 'no-longer-matches';
    desired.set(alert.alert_id, {
      ...fromRow(alert),
      status: 'retracted',
      retraction:
        alert.status === 'retracted'
          ? ((alert.retraction as Desired['retraction']) ?? null)
          : { reason, eventIds: alert.event_ids, ...(mergedInto && { mergedInto }) },
    });
  }
  if (desired.size === 0) return;

  const announced = await lastAnnounced(trx, [...desired.keys()]);
  const firstRecorded = await writeVersions(
    trx,
    [...desired.values()].map((next) => ({ current: existing.get(next.alertId), next })),
    at,
  );
  const announcements: StreamAppend[] = [];
  for (const next of desired.values()) {
    const last = announced.get(next.alertId);
    const sub = subscriptions.get(next.subscriptionId);
    // Updates are announced (and so recorded) only to a live subscription that asked for them.
    const wantsUpdates = Boolean(sub && !sub.deleted && sub.notifyOnUpdate);
    const kind = announcement(
      last?.state,
      { status: next.status, sourceCount: next.sourceCount, outletCount: next.outletCount },
      wantsUpdates,
    );
    if (!kind) continue;
    const revision = (last?.version ?? 0) + 1;
    const message: AlertMessageV1 = {
      schema: ALERT_MESSAGE_SCHEMA,
      kind,
      alertId: next.alertId,
      revision,
      webhookId: webhookIdOf(next.alertId, revision),
      subscription: { id: next.subscriptionId, name: sub?.name ?? '(deleted)' },
      incidentId: next.incidentId,
      status: next.status,
      eventType: next.eventType,
      sourceCount: next.sourceCount,
      outletCount: next.outletCount,
      raisedAt: firstRecorded.get(next.alertId)!.toISOString(),
      recordedAt: at.toISOString(),
      explanation: next.explanation,
      ...(kind === 'retracted' && next.retraction && { retraction: next.retraction }),
      links: {
        alert: `/api/alerts/${next.alertId}`,
        incident: next.incidentId.startsWith('event-')
          ? `/api/events/${next.incidentId.slice(6)}`
          : `/api/incidents/${next.incidentId}`,
      },
    };
    // A deleted subscription's raise or retraction is recorded with an empty route: nothing is sent.
    const wanted = sub && !sub.deleted;
    const data: AlertAnnounced = {
      message,
      route: { queue: Boolean(wanted && sub.queue), webhook: Boolean(wanted && sub.webhook) },
    };
    announcements.push({
      streamId: alertStreamId(next.alertId),
      events: [
        {
          type: alertEventType(kind),
          data,
          eventId: deterministicEventId('alert', next.alertId, String(revision)),
          metadata: { correlationId: next.alertId, actor: ALERT_PROJECTION },
        },
      ],
      expectedVersion: last?.version ?? 0,
    });
  }
  await store.appendMany(announcements, { trx });
}

/** Every subscription with a matching event in this incident, as an alert (active, or retracted if the sources are too few). */
function evaluateIncident(index: RuleIndex, incidentId: string, members: Member[]): Desired[] {
  if (members.length === 0) return [];
  const matches = new Map<string, AlertEventExplained[]>();
  for (const member of members) {
    for (const hit of index.match(member, member.recordedAt)) {
      const list = matches.get(hit.subscriptionId) ?? [];
      list.push({
        eventId: member.eventId,
        articleId: member.articleId,
        type: member.type,
        modality: member.modality,
        goldstein: member.goldstein,
        agent: member.agent,
        target: member.target,
        date: member.date,
        evidence: member.evidence,
        matched: hit.clauses,
      });
      matches.set(hit.subscriptionId, list);
    }
  }
  const sources = [...new Map(members.map((m) => [m.articleId, m.article])).values()];
  const outletCount = new Set(sources.map((s) => s.outlet)).size;
  const result: Desired[] = [];
  for (const [subscriptionId, matched] of matches) {
    const rule: AlertRule = index.rule(subscriptionId)!.rule;
    if (!enoughSources(rule, outletCount)) continue;
    result.push({
      alertId: alertIdOf(subscriptionId, incidentId),
      subscriptionId,
      incidentId,
      status: 'active',
      eventType: matched[0]!.type,
      eventIds: matched.map((m) => m.eventId),
      articleIds: sources.map((s) => s.articleId),
      sourceCount: sources.length,
      outletCount,
      explanation: explainAlert(rule, matched, sources),
      retraction: null,
    });
  }
  return result;
}

function fromRow(row: AlertRow): Desired {
  return {
    alertId: row.alert_id,
    subscriptionId: row.subscription_id,
    incidentId: row.incident_id,
    status: row.status,
    eventType: row.event_type,
    eventIds: row.event_ids,
    articleIds: row.article_ids,
    sourceCount: row.source_count,
    outletCount: row.outlet_count,
    explanation: row.full_explanation as Desired['explanation'],
    retraction: (row.retraction as Desired['retraction']) ?? null,
  };
}

/**
 * What a version holds, to tell whether anything changed. The explanation is
 * compared by hash of its JSON as written: one read back from jsonb has its keys
 * reordered, so comparing the objects found every explanation changed and opened
 * a version each time an incident was looked at.
 */
const fingerprint = (
  d: Pick<Desired, 'status' | 'eventIds' | 'articleIds' | 'sourceCount' | 'outletCount' | 'retraction'>,
  explanation: string,
) => JSON.stringify([d.status, d.eventIds, d.articleIds, d.sourceCount, d.outletCount, explanation, d.retraction]);
const storedHash = (row: AlertRow) => row.explanation_hash ?? explanationHash(JSON.stringify(row.explanation));

/** Rows per multi-row INSERT into alerts (16 parameters a row, under PostgreSQL's 65,535). */
const ALERT_INSERT_CHUNK = 2_000;

/**
 * Opens each alert's next version where anything changed (replacing in place a
 * version opened at the same instant): one statement closes the current
 * versions, one inserts the next, however many alerts the batch touched.
 * Returns when each alert was first raised.
 */
async function writeVersions(
  trx: Transaction<Database>,
  changes: { current: AlertRow | undefined; next: Desired }[],
  batchAt: Date,
): Promise<Map<string, Date>> {
  const firstRecorded = new Map<string, Date>();
  const closing: { alertId: string; version: number; at: Date }[] = [];
  const opening: Insertable<AlertsTable>[] = [];
  const bodies = new Map<string, string>();
  for (const { current, next } of changes) {
    const json = JSON.stringify(next.explanation);
    const hash = explanationHash(json);
    if (current && fingerprint(fromRow(current), storedHash(current)) === fingerprint(next, hash)) {
      firstRecorded.set(next.alertId, current.first_recorded_at);
      continue;
    }
    // Versions never go back in time, even when a batch's events were recorded before the current version.
    const at = current && current.recorded_from > batchAt ? current.recorded_from : batchAt;
    const values = {
      alert_id: next.alertId,
      subscription_id: next.subscriptionId,
      incident_id: next.incidentId,
      status: next.status,
      event_type: next.eventType,
      event_ids: next.eventIds,
      article_ids: next.articleIds,
      source_count: next.sourceCount,
      outlet_count: next.outletCount,
      explanation: null,
      explanation_hash: hash,
      retraction: next.retraction ? JSON.stringify(next.retraction) : null,
      first_recorded_at: current?.first_recorded_at ?? at,
    };
    firstRecorded.set(next.alertId, values.first_recorded_at);
    bodies.set(hash, json);
    if (current && current.recorded_from.getTime() === at.getTime()) {
      await trx
        .updateTable('alerts')
        .set(values)
        .where('alert_id', '=', current.alert_id)
        .where('version', '=', current.version)
        .execute();
      continue;
    }
    if (current) closing.push({ alertId: current.alert_id, version: current.version, at });
    opening.push({ ...values, version: (current?.version ?? 0) + 1, recorded_from: at, recorded_to: null });
  }
  await storeExplanations(trx, bodies);
  // Close first: at most one current version per alert (a unique index).
  if (closing.length) {
    await sql`
      update alerts a set recorded_to = c.at
      from unnest(${sql.val(closing.map((c) => c.alertId))}::uuid[], ${sql.val(closing.map((c) => c.version))}::int[], ${sql.val(closing.map((c) => c.at))}::timestamptz[])
        as c(alert_id, version, at)
      where a.alert_id = c.alert_id and a.version = c.version`.execute(trx);
  }
  for (let start = 0; start < opening.length; start += ALERT_INSERT_CHUNK)
    await trx
      .insertInto('alerts')
      .values(opening.slice(start, start + ALERT_INSERT_CHUNK))
      .execute();
  return firstRecorded;
}

/** The last event of each alert's stream: what downstream was last told, and the stream version. */
async function lastAnnounced(
  trx: Transaction<Database>,
  alertIds: string[],
): Promise<Map<string, { version: number; state: Announced }>> {
  // One index probe per stream for its last event, reading only the three fields compared (not the whole message).
  const { rows } = await sql<{
    stream_id: string;
    stream_version: string;
    status: Announced['status'];
    source_count: number;
    outlet_count: number;
  }>`
    select s.stream_id, last.stream_version, last.status, last.source_count, last.outlet_count
    from unnest(${sql.val(alertIds.map(alertStreamId))}::text[]) as s(stream_id)
    cross join lateral (
      select e.stream_version, e.data->'message'->>'status' as status,
             (e.data->'message'->>'sourceCount')::int as source_count, (e.data->'message'->>'outletCount')::int as outlet_count
      from events e where e.stream_id = s.stream_id
      order by e.stream_version desc limit 1) last`.execute(trx);
  return new Map(
    rows.map((r) => [
      r.stream_id.slice('alert-'.length),
      {
        version: Number(r.stream_version),
        state: { status: r.status, sourceCount: r.source_count, outletCount: r.outlet_count },
      },
    ]),
  );
}

async function retractedAmong(trx: Transaction<Database>, eventIds: string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await trx
    .selectFrom('read_events')
    .select('event_id')
    .where('recorded_to', 'is', null)
    .where('status', '=', 'retracted')
    .where('event_id', 'in', eventIds)
    .execute();
  return new Set(rows.map((r) => r.event_id));
}
