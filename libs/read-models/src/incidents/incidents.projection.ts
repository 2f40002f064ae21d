import { type Selectable, type Transaction, sql } from 'kysely';
import {
  type Actor,
  type CodedEventRecorded,
  EVENT_TYPES,
  EVENT_TYPE_NAMES,
  type EventType,
  isEventType,
} from '#domain';
import type { Database } from '#db';
import type { StoredEvent } from '#event-store';
import { EVENTS_PROJECTION } from '../events/events.projection.js';
import { asArticleEvent } from '../shared/article-event.js';
import { applyOnceAll } from '../shared/stream-progress.js';
import {
  INCIDENT_CORRECTION_TYPES,
  type IncidentCorrectionEvent,
  type IncidentSplit,
  type IncidentsMerged,
} from './incident-corrections.js';
import { matchingIncidents } from './matching-sql.js';
import { type IncidentFeatures, components } from './matching.js';
import { type NewCandidate, placeNewEvents } from './place-new-events.js';

export const INCIDENTS_PROJECTION = 'read-model.incidents';

/**
 * Incidents: coded events of several articles that are one real-world event.
 * Membership is maintained incrementally and never frozen: an event joins (and
 * may merge) incidents when it arrives; a retraction or a correction re-groups
 * what is left of its incident, which splits it when the event was the bridge.
 * Membership rows are versioned by recorded time, like every read model here.
 *
 * Only asserted and future events cluster: a negated or hypothetical one (the
 * content of a threat) is not something that happened.
 *
 * Analysts correct the clustering (IncidentsMerged, IncidentSplit): the events
 * concerned move and are pinned to their incident. Automatic re-grouping never
 * moves a pinned event nor merges an incident holding pinned events into
 * another; new events still join a pinned incident by matching.
 */
export const incidentsProjection = {
  name: INCIDENTS_PROJECTION,
  /** The tables only this projection writes (what a blue/green rebuild swaps). */
  tables: ['read_incident_candidates', 'read_incident_members', 'read_incident_history'],
  types: [...EVENT_TYPE_NAMES, 'EventRetracted', 'EventCorrected', ...INCIDENT_CORRECTION_TYPES],
  // The incidents API joins read_events: never list an incident whose events that projection has not written yet.
  after: [EVENTS_PROJECTION],
  handle: (events: StoredEvent[], trx: Transaction<Database>) =>
    applyOnceAll(trx, INCIDENTS_PROJECTION, events, (fresh) => applyIncidentEvents(trx, fresh)),
} as const;

type Candidate = Selectable<Database['read_incident_candidates']>;
export type CandidateFeatures = IncidentFeatures & {
  articleId: string;
  seq: string;
  active: boolean;
  incidentId: string | null;
  pinnedIncident: string | null;
};

const clusters = (modality: string) => modality === 'asserted' || modality === 'future';
const countriesOf = (actors: Actor[]) => [...new Set(actors.map((a) => a.country))];

/** Runs of newly coded events are placed together (placeNewEvents); every other event one by one, in log order. */
async function applyIncidentEvents(trx: Transaction<Database>, events: StoredEvent[]): Promise<void> {
  let run: { stored: StoredEvent; candidate: NewCandidate }[] = [];
  const placeRun = async () => {
    if (run.length) await placeNewEvents(trx, run, (stored) => applyIncidentEvent(trx, stored));
    run = [];
  };
  for (const stored of events) {
    if (isEventType(stored.type)) {
      run.push({ stored, candidate: candidateOf(stored) });
      continue;
    }
    await placeRun();
    await applyIncidentEvent(trx, stored);
  }
  await placeRun();
}

function candidateOf(stored: StoredEvent): NewCandidate {
  const coded = stored.data as CodedEventRecorded;
  return {
    event_id: coded.eventId,
    article_id: coded.articleId,
    seq: stored.globalPosition.toString(),
    type: coded.type,
    is_symmetric: EVENT_TYPES[coded.type].symmetric,
    agent_countries: countriesOf(coded.agent),
    target_countries: countriesOf(coded.target),
    date_start: coded.date.start,
    date_end: coded.date.end,
    active: clusters(coded.modality),
  };
}

async function applyIncidentEvent(trx: Transaction<Database>, stored: StoredEvent): Promise<void> {
  const correction = { type: stored.type, data: stored.data } as IncidentCorrectionEvent;
  if (correction.type === 'IncidentsMerged') return applyMerge(trx, correction.data, stored);
  if (correction.type === 'IncidentSplit') return applySplit(trx, correction.data, stored);
  const event = asArticleEvent(stored);
  const at = stored.recordedAt;
  if (isEventType(event.type)) {
    // Stored before (a replay after a reset) or bridging incidents: placeNewEvents hands those here.
    await trx
      .insertInto('read_incident_candidates')
      .values(candidateOf(stored))
      .onConflict((oc) => oc.column('event_id').doNothing())
      .execute();
    const candidate = await load(trx, (event.data as CodedEventRecorded).eventId);
    if (candidate?.active) await assign(trx, candidate, at);
    return;
  }
  if (event.type !== 'EventRetracted' && event.type !== 'EventCorrected') return;
  const candidate = await load(trx, event.data.eventId);
  if (!candidate) return;
  const previousIncident = candidate.incidentId;
  if (event.type === 'EventRetracted') {
    await trx
      .updateTable('read_incident_candidates')
      .set({ active: false })
      .where('event_id', '=', candidate.eventId)
      .execute();
    await setIncident(trx, candidate, null, at);
    if (previousIncident) await regroup(trx, previousIncident, at);
    return;
  }
  const { changes } = event.data;
  const type: EventType = changes.type ?? (candidate.type as EventType);
  const updated = {
    type,
    is_symmetric: EVENT_TYPES[type].symmetric,
    agent_countries: changes.agent ? countriesOf(changes.agent) : candidate.agentCountries,
    target_countries: changes.target ? countriesOf(changes.target) : candidate.targetCountries,
    date_start: changes.date?.start ?? candidate.dateStart,
    date_end: changes.date?.end ?? candidate.dateEnd,
    // A retracted event cannot be corrected (the decider refuses), so active follows the modality.
    active: changes.modality ? clusters(changes.modality) : candidate.active,
  };
  await trx.updateTable('read_incident_candidates').set(updated).where('event_id', '=', candidate.eventId).execute();
  const corrected = (await load(trx, candidate.eventId))!;
  if (!corrected.active) await setIncident(trx, corrected, null, at);
  // What is left of its incident (with the corrected event, if it still clusters) may have split ...
  if (previousIncident) await regroup(trx, previousIncident, at);
  // ... and the corrected event may now belong with other incidents.
  const now = (await load(trx, candidate.eventId))!;
  if (now.active) await assign(trx, now, at);
}

async function load(trx: Transaction<Database>, eventId: string): Promise<CandidateFeatures | undefined> {
  const row = await selectCandidates(trx).where('event_id', '=', eventId).executeTakeFirst();
  return row && toFeatures(row);
}

function selectCandidates(trx: Transaction<Database>) {
  return trx
    .selectFrom('read_incident_candidates')
    .select([
      'event_id',
      'article_id',
      'seq',
      'type',
      'is_symmetric',
      'agent_countries',
      'target_countries',
      'active',
      'incident_id',
      'pinned_incident',
    ])
    .select([
      sql<string>`to_char(date_start, 'YYYY-MM-DD')`.as('date_start'),
      sql<string>`to_char(date_end, 'YYYY-MM-DD')`.as('date_end'),
    ]);
}

function toFeatures(
  row: Omit<Candidate, 'date_start' | 'date_end'> & { date_start: string; date_end: string },
): CandidateFeatures {
  return {
    eventId: row.event_id,
    articleId: row.article_id,
    seq: row.seq,
    type: row.type,
    symmetric: row.is_symmetric,
    agentCountries: row.agent_countries,
    targetCountries: row.target_countries,
    dateStart: row.date_start,
    dateEnd: row.date_end,
    active: row.active,
    incidentId: row.incident_id,
    pinnedIncident: row.pinned_incident,
  };
}

/**
 * Puts an active event into the incident(s) it matches, merging them when it
 * matches several; else founds one. A pinned event goes back to its incident.
 * Incidents holding pinned events are never merged into another: when the event
 * matches some, it joins the oldest of them and only unpinned incidents merge in.
 */
async function assign(trx: Transaction<Database>, candidate: CandidateFeatures, at: Date): Promise<void> {
  if (candidate.pinnedIncident) {
    await setIncident(trx, candidate, candidate.pinnedIncident, at);
    return;
  }
  const matched = new Set(await matchingIncidents(trx, candidate));
  if (candidate.incidentId) matched.add(candidate.incidentId);
  if (matched.size === 0) {
    await setIncident(trx, candidate, await freshIncidentId(trx, candidate), at);
    return;
  }
  if (matched.size === 1) {
    await setIncident(trx, candidate, [...matched][0]!, at);
    return;
  }
  // The incident whose first report is oldest survives a merge: ids stay stable as reports arrive.
  const members = (
    await selectCandidates(trx)
      .where('incident_id', 'in', [...matched])
      .where('active', '=', true)
      .orderBy('seq')
      .execute()
  ).map(toFeatures);
  members.sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)));
  const pinned = new Set(members.filter((m) => m.pinnedIncident !== null).map((m) => m.incidentId!));
  const eligible = pinned.size > 0 ? members.filter((m) => pinned.has(m.incidentId!)) : members;
  const survivor = eligible[0]?.incidentId ?? [...matched][0]!;
  for (const member of members) if (!pinned.has(member.incidentId!)) await setIncident(trx, member, survivor, at);
  await setIncident(trx, candidate, survivor, at);
}

/**
 * Re-groups an incident's active members; components other than the oldest
 * report's become incidents of their own. When an analyst pinned events to the
 * incident, every component holding one stays (the pinned events are one
 * incident whatever their features say) and only the others split off.
 */
async function regroup(trx: Transaction<Database>, incidentId: string, at: Date): Promise<void> {
  const members = (
    await selectCandidates(trx)
      .where('incident_id', '=', incidentId)
      .where('active', '=', true)
      .orderBy('seq')
      .execute()
  ).map(toFeatures);
  const groups = components(members);
  const isPinned = (group: CandidateFeatures[]) => group.some((m) => m.pinnedIncident === incidentId);
  const split = groups.some(isPinned) ? groups.filter((g) => !isPinned(g)) : groups.slice(1);
  for (const group of split) {
    const id = await freshIncidentId(trx, group[0]!);
    for (const member of group) await setIncident(trx, member, id, at);
  }
}

/** Named after the event that founds it; deterministic, so a rebuild gives the same ids. */
async function freshIncidentId(trx: Transaction<Database>, founder: CandidateFeatures): Promise<string> {
  const id = `inc-${founder.eventId}`;
  const taken = await trx
    .selectFrom('read_incident_candidates')
    .select('event_id')
    .where('incident_id', '=', id)
    .where('event_id', '<>', founder.eventId)
    .executeTakeFirst();
  return taken ? `${id}-${founder.seq}` : id;
}

/** Moves an event between incidents: closes its membership version and opens the next. */
async function setIncident(
  trx: Transaction<Database>,
  candidate: CandidateFeatures,
  incidentId: string | null,
  at: Date,
): Promise<void> {
  if (candidate.incidentId === incidentId) return;
  const current = await trx
    .selectFrom('read_incident_members')
    .select(['recorded_from'])
    .where('event_id', '=', candidate.eventId)
    .where('recorded_to', 'is', null)
    .executeTakeFirst();
  if (current) {
    if (current.recorded_from.getTime() === at.getTime()) {
      // Opened in this same transaction: never visible to anyone, so it goes.
      await trx
        .deleteFrom('read_incident_members')
        .where('event_id', '=', candidate.eventId)
        .where('recorded_to', 'is', null)
        .execute();
    } else {
      await trx
        .updateTable('read_incident_members')
        .set({ recorded_to: at })
        .where('event_id', '=', candidate.eventId)
        .where('recorded_to', 'is', null)
        .execute();
    }
  }
  if (incidentId) {
    await trx
      .insertInto('read_incident_members')
      .values({
        incident_id: incidentId,
        event_id: candidate.eventId,
        article_id: candidate.articleId,
        recorded_from: at,
      })
      .execute();
  }
  await trx
    .updateTable('read_incident_candidates')
    .set({ incident_id: incidentId })
    .where('event_id', '=', candidate.eventId)
    .execute();
  candidate.incidentId = incidentId;
}

/** Every active member of the named incidents moves into `into`, pinned there; so do pins to the merged incidents. */
async function applyMerge(trx: Transaction<Database>, merge: IncidentsMerged, stored: StoredEvent): Promise<void> {
  const at = stored.recordedAt;
  const members = (
    await selectCandidates(trx)
      .where('incident_id', 'in', merge.incidentIds)
      .where('active', '=', true)
      .orderBy('seq')
      .execute()
  ).map(toFeatures);
  for (const member of members) await setIncident(trx, member, merge.into, at);
  if (members.length)
    await trx
      .updateTable('read_incident_candidates')
      .set({ pinned_incident: merge.into })
      .where(
        'event_id',
        'in',
        members.map((m) => m.eventId),
      )
      .execute();
  // Pinned events not active now (a correction may make them cluster again) follow too.
  await trx
    .updateTable('read_incident_candidates')
    .set({ pinned_incident: merge.into })
    .where('pinned_incident', 'in', merge.incidentIds)
    .execute();
  const details = { incidentIds: merge.incidentIds, into: merge.into };
  await recordHistory(trx, merge.incidentIds, 'merged', merge, details, stored);
}

/** The named active members move into a new incident, pinned there; what is left stays pinned where it is. */
async function applySplit(trx: Transaction<Database>, split: IncidentSplit, stored: StoredEvent): Promise<void> {
  const at = stored.recordedAt;
  const members = (
    await selectCandidates(trx)
      .where('incident_id', '=', split.incidentId)
      .where('active', '=', true)
      .orderBy('seq')
      .execute()
  ).map(toFeatures);
  const moving = split.eventIds
    .map((id) => members.find((m) => m.eventId === id))
    .filter((m): m is CandidateFeatures => m !== undefined);
  if (moving.length === 0) return;
  const newId = await splitIncidentId(trx, moving[0]!.eventId, stored.globalPosition);
  for (const member of moving) await setIncident(trx, member, newId, at);
  const movingIds = moving.map((m) => m.eventId);
  await trx
    .updateTable('read_incident_candidates')
    .set({ pinned_incident: newId })
    .where('event_id', 'in', movingIds)
    .execute();
  const staying = members.filter((m) => !movingIds.includes(m.eventId)).map((m) => m.eventId);
  if (staying.length)
    await trx
      .updateTable('read_incident_candidates')
      .set({ pinned_incident: split.incidentId })
      .where('event_id', 'in', staying)
      .execute();
  const details = { from: split.incidentId, to: newId, eventIds: movingIds };
  await recordHistory(trx, [split.incidentId, newId], 'split', split, details, stored);
}

/** `inc-split-<first event>`; deterministic (a rebuild gives the same id), never one used before. */
async function splitIncidentId(trx: Transaction<Database>, firstEventId: string, position: bigint): Promise<string> {
  const id = `inc-split-${firstEventId}`;
  const used = await trx
    .selectFrom('read_incident_members')
    .select('event_id')
    .where('incident_id', '=', id)
    .executeTakeFirst();
  return used ? `${id}-${position}` : id;
}

async function recordHistory(
  trx: Transaction<Database>,
  incidentIds: string[],
  kind: 'merged' | 'split',
  correction: { by: string; reason: string },
  details: Record<string, unknown>,
  stored: StoredEvent,
): Promise<void> {
  const rows = [...new Set(incidentIds)].map((incident_id) => ({
    incident_id,
    log_position: stored.globalPosition.toString(),
    kind,
    by: correction.by,
    reason: correction.reason,
    details: JSON.stringify(details),
    recorded_at: stored.recordedAt,
  }));
  await trx
    .insertInto('read_incident_history')
    .values(rows)
    .onConflict((oc) => oc.columns(['incident_id', 'log_position']).doNothing())
    .execute();
}
