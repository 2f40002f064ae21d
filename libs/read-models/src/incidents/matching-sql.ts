import { type Transaction, sql } from 'kysely';
import type { Database } from '#db';
import type { IncidentFeatures } from './matching.js';

/**
 * For each event, the incidents with an active member that is the same
 * real-world event: sameIncident (matching.ts) written as SQL, for many events
 * in one statement. A story reported by thousands of articles returns its
 * incident id once per event, not every member.
 */
export async function matchingIncidentsOf(
  trx: Transaction<Database>,
  events: readonly IncidentFeatures[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(events.map((e) => [e.eventId, []]));
  if (events.length === 0) return found;
  const features = events.map((e) => ({
    event_id: e.eventId,
    type: e.type,
    is_symmetric: e.symmetric,
    agents: e.agentCountries,
    targets: e.targetCountries,
    date_start: e.dateStart,
    date_end: e.dateEnd,
  }));
  const { rows } = await sql<{ event_id: string; incident_id: string }>`
    select distinct f.event_id, c.incident_id
    from jsonb_to_recordset(${JSON.stringify(features)}::jsonb)
      as f(event_id text, type text, is_symmetric boolean, agents text[], targets text[], date_start date, date_end date)
    join read_incident_candidates c
      on c.active and c.incident_id is not null
     and c.type = f.type
     and c.date_start <= f.date_end and c.date_end >= f.date_start
     and c.event_id <> f.event_id
     and case when f.is_symmetric
              then (c.agent_countries || c.target_countries) && (f.agents || f.targets)
              else c.agent_countries && f.agents
                   and (cardinality(f.targets) = 0 or cardinality(c.target_countries) = 0 or c.target_countries && f.targets)
         end`.execute(trx);
  for (const row of rows) found.get(row.event_id)!.push(row.incident_id);
  return found;
}

/** The incidents one event matches (see matchingIncidentsOf). */
export async function matchingIncidents(trx: Transaction<Database>, event: IncidentFeatures): Promise<string[]> {
  return (await matchingIncidentsOf(trx, [event])).get(event.eventId)!;
}
