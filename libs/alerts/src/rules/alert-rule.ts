// The rule types are event contracts (subscription events, alert messages): they live in libs/domain.
export type { AlertRule, RuleSubject, Side } from '#domain';
