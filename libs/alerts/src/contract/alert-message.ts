// The alert message is an event contract (the data of AlertRaised/Updated/Retracted): it lives in libs/domain.
export { ALERT_MESSAGE_SCHEMA } from '#domain';
export type {
  AlertArticleLink,
  AlertEventExplained,
  AlertEvidence,
  AlertExplanation,
  AlertJob,
  AlertKind,
  AlertMessageV1,
} from '#domain';
