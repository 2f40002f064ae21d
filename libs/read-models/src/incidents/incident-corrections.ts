// Incident corrections are stream contracts: they live in libs/domain.
export { INCIDENT_CORRECTIONS_STREAM, INCIDENT_CORRECTION_TYPES } from '#domain';
export type { IncidentCorrectionEvent, IncidentSplit, IncidentsMerged } from '#domain';
