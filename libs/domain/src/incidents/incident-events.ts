// Analysts' corrections of the automatic clustering, appended to the log like
// every other change: who and why travel in the data (and the metadata).

/** The stream every incident correction is appended to (expectedVersion 'any'). */
export const INCIDENT_CORRECTIONS_STREAM = 'incident-corrections';

/** Several incidents are one: every active member of the others moves into `into`. */
export interface IncidentsMerged {
  /** Two or more distinct incidents, `into` among them. */
  incidentIds: string[];
  into: string;
  by: string;
  reason: string;
}

/** Some events of an incident are another real-world event: they move into a new incident. */
export interface IncidentSplit {
  incidentId: string;
  /** The events taken out, into the new incident. */
  eventIds: string[];
  by: string;
  reason: string;
}

export type IncidentCorrectionEvent =
  { type: 'IncidentsMerged'; data: IncidentsMerged } | { type: 'IncidentSplit'; data: IncidentSplit };

export const INCIDENT_CORRECTION_TYPES = ['IncidentsMerged', 'IncidentSplit'] as const;
