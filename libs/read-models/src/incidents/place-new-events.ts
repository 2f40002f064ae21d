import type { Insertable, Transaction } from 'kysely';
import type { Database } from '#db';
import type { StoredEvent } from '#event-store';
import { matchingIncidentsOf } from './matching-sql.js';
import { type IncidentFeatures, sameIncident } from './matching.js';

export type NewCandidate = Insertable<Database['read_incident_candidates']>;

const featuresOf = (c: NewCandidate): IncidentFeatures => ({
  eventId: c.event_id,
  type: c.type,
  symmetric: c.is_symmetric,
  agentCountries: c.agent_countries,
  targetCountries: c.target_countries,
  dateStart: c.date_start,
  dateEnd: c.date_end,
});

/**
 * Places a run of newly coded events in incidents with a handful of statements
 * for the whole run, where one event at a time costs three each (the
 * projection's speed is this count). Same result as one at a time: an event
 * joins the one incident it matches — an incident already stored (one query for
 * the run) or one that an earlier event of the run joined or founded (compared
 * in memory) — or founds `inc-<its id>`, which nothing else can hold.
 *
 * An event already stored, or one that would merge incidents, goes through
 * `oneByOne` (the general path) after what is placed so far is written; the
 * stored matches are then looked up again for the rest of the run.
 */
export async function placeNewEvents(
  trx: Transaction<Database>,
  run: { stored: StoredEvent; candidate: NewCandidate }[],
  oneByOne: (stored: StoredEvent) => Promise<void>,
): Promise<void> {
  const ids = run.map((r) => r.candidate.event_id);
  const known = new Set(
    (await trx.selectFrom('read_incident_candidates').select('event_id').where('event_id', 'in', ids).execute()).map(
      (r) => r.event_id,
    ),
  );

  let candidates: NewCandidate[] = [];
  let members: Insertable<Database['read_incident_members']>[] = [];
  let placed: { features: IncidentFeatures; incidentId: string }[] = [];
  const write = async () => {
    if (candidates.length) await trx.insertInto('read_incident_candidates').values(candidates).execute();
    if (members.length) await trx.insertInto('read_incident_members').values(members).execute();
    candidates = [];
    members = [];
    placed = [];
  };
  const lookUp = (from: number) =>
    matchingIncidentsOf(
      trx,
      run
        .slice(from)
        .filter((r) => r.candidate.active && !known.has(r.candidate.event_id))
        .map((r) => featuresOf(r.candidate)),
    );

  let stored = await lookUp(0);
  for (const [index, { stored: event, candidate }] of run.entries()) {
    if (!candidate.active && !known.has(candidate.event_id)) {
      candidates.push({ ...candidate, incident_id: null });
      known.add(candidate.event_id); // the same id again later in the run takes the general path
      continue;
    }
    const features = featuresOf(candidate);
    const matched = new Set(stored.get(candidate.event_id) ?? []);
    for (const earlier of placed) if (sameIncident(features, earlier.features)) matched.add(earlier.incidentId);
    if (known.has(candidate.event_id) || matched.size > 1) {
      await write();
      await oneByOne(event);
      stored = await lookUp(index + 1);
      continue;
    }
    const incidentId = [...matched][0] ?? `inc-${candidate.event_id}`;
    candidates.push({ ...candidate, incident_id: incidentId });
    known.add(candidate.event_id);
    members.push({
      incident_id: incidentId,
      event_id: candidate.event_id,
      article_id: candidate.article_id,
      recorded_from: event.recordedAt,
    });
    placed.push({ features, incidentId });
  }
  await write();
}
