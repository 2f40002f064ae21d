import type { EventType, Modality } from '../catalog/index.js';

// A subscription's rule and what evaluating it found: part of the subscription
// events and of the alert message, so it lives with the other event contracts.

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

/** One clause of a rule that held, and what in the event satisfied it. */
export type ClauseMatch =
  | { clause: 'eventTypes'; expected: string[]; actual: string }
  | {
      clause: 'countries';
      role: Side;
      expected: string[];
      matched: { side: 'agent' | 'target'; actorId: string; country: string }[];
    }
  | { clause: 'actorIds'; role: Side; expected: string[]; matched: { side: 'agent' | 'target'; actorId: string }[] }
  | { clause: 'goldstein'; min?: number; max?: number; actual: number }
  | { clause: 'modalities'; expected: string[]; actual: string }
  | {
      clause: 'words';
      expected: string[];
      matched: { word: string; evidenceIndex: number; start: number; end: number }[];
    };
