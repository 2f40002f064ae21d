// Alert events are stream contracts: they live in libs/domain.
export { ALERT_EVENT_TYPES, alertEventType } from '#domain';
export type { AlertAnnounced, AlertEventType, AlertRoute, AlertStreamEvent } from '#domain';
