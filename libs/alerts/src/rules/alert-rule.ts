import type { EventType, Modality } from '#domain';

/** Which side of an event a country or actor clause looks at. */
export type Side = 'agent' | 'target' | 'either';

/**
 * A subscription's rule. Every clause present must hold (AND); within a clause
 * any listed value will do (OR). An empty rule matches every asserted coded event.
 */
export interface AlertRule {
  /** Event types (catalog v1). */
  eventTypes?: EventType[];
  /** ISO alpha-3 codes (or IGO) of an actor on `countryRole`. */
  countries?: string[];
  countryRole?: Side;
  /** Actor ids (slugs) on `actorRole`. */
  actorIds?: string[];
  actorRole?: Side;
  /** Inclusive Goldstein range; an event without a score never matches a range. */
  goldstein?: { min?: number; max?: number };
  /** Absent or empty: asserted only (DEFAULT_MODALITIES). */
  modalities?: Modality[];
  /** Words or phrases, any of which must occur in the evidence text (case-insensitive, whole words). */
  words?: string[];
  /** Independent sources (distinct outlets) the incident must have before the alert is raised. */
  minSources?: number;
}

/** What a rule sees of a coded event: the catalog fields, as currently recorded (corrections applied). */
export interface RuleSubject {
  eventId: string;
  articleId: string;
  type: EventType;
  agent: { id: string; country: string; name?: string }[];
  target: { id: string; country: string; name?: string }[];
  modality: Modality;
  goldstein: number | null;
  evidence: { start: number; end: number; text: string }[];
  symmetric: boolean;
}
