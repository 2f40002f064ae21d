import { type Transaction, sql } from 'kysely';
import { EVENT_TYPES, type EventType, type Modality, type RuleSubject, isEventType } from '#domain';
import type { Database } from '#db';

/** An active event of an incident, with what a rule and an explanation need. */
export interface Member extends RuleSubject {
  incidentId: string;
  recordedAt: Date;
  logPosition: bigint;
  date: { start: string; end: string; precision: string; text?: string };
  agent: { id: string; name: string; country: string }[];
  target: { id: string; name: string; country: string }[];
  article: { articleId: string; url: string; title: string; outlet: string; publishedAt: string };
}

/** Events that cluster into no incident (negated, hypothetical) are alone in a pseudo-incident named after them. */
export const soloIncidentId = (eventId: string) => `event-${eventId}`;
const soloEventId = (incidentId: string) =>
  incidentId.startsWith('event-') ? incidentId.slice('event-'.length) : undefined;

interface MemberRow {
  incident_id: string;
  event_id: string;
  article_id: string;
  type: string;
  agent: Member['agent'];
  target: Member['target'];
  modality: string;
  goldstein: number | null;
  evidence: Member['evidence'];
  date: Member['date'];
  first_recorded_at: Date;
  log_position: string;
  url: string;
  title: string;
  outlet: string;
  published_at: string;
}

/**
 * The current incident of each event (from the incidents read model, which the
 * alert projection never overtakes), or its pseudo-incident when it has none.
 */
export async function incidentsOf(trx: Transaction<Database>, eventIds: string[]): Promise<Map<string, string>> {
  if (eventIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('read_incident_members')
    .select(['event_id', 'incident_id'])
    .where('recorded_to', 'is', null)
    .where('event_id', 'in', eventIds)
    .execute();
  const found = new Map(rows.map((r) => [r.event_id, r.incident_id]));
  return new Map(eventIds.map((id) => [id, found.get(id) ?? soloIncidentId(id)]));
}

/** Active members (current versions) of these incidents, oldest report first. */
export async function membersOf(trx: Transaction<Database>, incidentIds: string[]): Promise<Map<string, Member[]>> {
  const real = incidentIds.filter((id) => !soloEventId(id));
  const solo = incidentIds.map(soloEventId).filter((id): id is string => Boolean(id));
  const columns = sql`e.event_id, e.article_id, e.type, e.agent, e.target, e.modality, e.goldstein, e.evidence, e.date, e.first_recorded_at, e.log_position,
                      a.url, a.title, a.outlet, a.published_at`;
  const rows: MemberRow[] = [];
  if (real.length) {
    const { rows: found } = await sql<MemberRow>`
      select m.incident_id, ${columns}
      from read_incident_members m
      join read_events e on e.event_id = m.event_id and e.recorded_to is null and e.status = 'active'
      join read_articles a on a.article_id = e.article_id
      where m.recorded_to is null and m.incident_id = any(${sql.val(real)}::text[])`.execute(trx);
    rows.push(...found);
  }
  if (solo.length) {
    // A solo event counts only while no incident holds it (a correction may have made it cluster).
    const { rows: found } = await sql<MemberRow>`
      select 'event-' || e.event_id as incident_id, ${columns}
      from read_events e
      join read_articles a on a.article_id = e.article_id
      where e.recorded_to is null and e.status = 'active' and e.event_id = any(${sql.val(solo)}::text[])
        and not exists (select 1 from read_incident_members m where m.event_id = e.event_id and m.recorded_to is null)`.execute(
      trx,
    );
    rows.push(...found);
  }
  const byIncident = new Map<string, Member[]>(incidentIds.map((id) => [id, []]));
  for (const row of rows) {
    if (!isEventType(row.type)) continue;
    byIncident.get(row.incident_id)?.push({
      incidentId: row.incident_id,
      eventId: row.event_id,
      articleId: row.article_id,
      type: row.type as EventType,
      agent: row.agent.map(({ id, name, country }) => ({ id, name, country })),
      target: row.target.map(({ id, name, country }) => ({ id, name, country })),
      modality: row.modality as Modality,
      goldstein: row.goldstein,
      evidence: row.evidence,
      symmetric: EVENT_TYPES[row.type as EventType].symmetric,
      date: row.date,
      recordedAt: row.first_recorded_at,
      logPosition: BigInt(row.log_position),
      article: {
        articleId: row.article_id,
        url: row.url,
        title: row.title,
        outlet: row.outlet,
        publishedAt: row.published_at,
      },
    });
  }
  for (const list of byIncident.values())
    list.sort((a, b) => (a.logPosition < b.logPosition ? -1 : a.logPosition > b.logPosition ? 1 : 0));
  return byIncident;
}
