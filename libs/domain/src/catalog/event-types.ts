// The event catalog v1 (shared/spec/event-catalog.md) as one table.
// Adding a type is one edit here: the union below is derived from the table's
// keys, and every `switch` over EventType ends in assertNever, so the compiler
// points at each switch that has to learn the new type.

export type Plover =
  | 'CONSULT'
  | 'AGREE'
  | 'REQUEST'
  | 'THREATEN'
  | 'ACCUSE'
  | 'REJECT'
  | 'CONCEDE'
  | 'SANCTION'
  | 'AID'
  | 'PROTEST'
  | 'MOBILIZE'
  | 'ASSAULT'
  | 'RETREAT';

export interface EventTypeInfo {
  /** PLOVER event type; null where PLOVER has none (legislative votes, elections). */
  readonly plover: Plover | null;
  /** PLOVER mode where the catalog names one (visit, remote, withdraw). */
  readonly ploverMode?: string;
  /** Default CAMEO code, a string because of leading zeros; null where CAMEO has none. */
  readonly cameo: string | null;
  /** Goldstein score of the default CAMEO code; null where there is no code. */
  readonly goldstein: number | null;
  /** Symmetric types have no direction: agent and target are both participants. */
  readonly symmetric: boolean;
  readonly description: string;
}

export const EVENT_TYPES = {
  TalksStarted: {
    plover: 'CONSULT',
    cameo: '046',
    goldstein: 7.0,
    symmetric: true,
    description: 'a round of talks, negotiations or a strategic dialogue begins, resumes or is held',
  },
  MeetingHeld: {
    plover: 'CONSULT',
    cameo: '040',
    goldstein: 1.0,
    symmetric: true,
    description: 'officials meet, confer or hold a call (not a formal round of talks)',
  },
  VisitMade: {
    plover: 'CONSULT',
    ploverMode: 'visit',
    cameo: '042',
    goldstein: 1.9,
    symmetric: false,
    description: 'an official or delegation travels to a place or a party',
  },
  LetterSent: {
    plover: 'CONSULT',
    ploverMode: 'remote',
    cameo: '040',
    goldstein: 1.0,
    symmetric: false,
    description: 'a letter, note or written message is sent or delivered',
  },
  AgreementReached: {
    plover: 'AGREE',
    cameo: '057',
    goldstein: 8.0,
    symmetric: true,
    description: 'parties agree, sign a deal or a memorandum, settle',
  },
  DemandIssued: {
    plover: 'REQUEST',
    cameo: '100',
    goldstein: -5.0,
    symmetric: false,
    description: 'a party demands, calls for, urges, asks or appeals that another act',
  },
  ThreatIssued: {
    plover: 'THREATEN',
    cameo: '130',
    goldstein: -4.4,
    symmetric: false,
    description: 'a party threatens action against another',
  },
  AccusationMade: {
    plover: 'ACCUSE',
    cameo: '112',
    goldstein: -2.0,
    symmetric: false,
    description: 'a party accuses, blames or condemns another',
  },
  RejectionIssued: {
    plover: 'REJECT',
    cameo: '120',
    goldstein: -4.0,
    symmetric: false,
    description: 'a party rejects or refuses a proposal, demand or accusation',
  },
  WaiverGranted: {
    plover: 'CONCEDE',
    cameo: '081',
    goldstein: 5.0,
    symmetric: false,
    description:
      'sanctions are eased: a waiver, exemption, licence or release of frozen funds is granted, extended or renewed',
  },
  SanctionsImposed: {
    plover: 'SANCTION',
    cameo: '163',
    goldstein: -6.5,
    symmetric: false,
    description: 'sanctions, an embargo, a designation, a freeze or a cut-off of supplies is imposed',
  },
  AidProvided: {
    plover: 'AID',
    cameo: '070',
    goldstein: 7.0,
    symmetric: false,
    description: 'economic, military or humanitarian aid is given or pledged',
  },
  ProtestHeld: {
    plover: 'PROTEST',
    cameo: '141',
    goldstein: -6.5,
    symmetric: false,
    description: 'a demonstration, rally, sit-in or riot takes place',
  },
  ForceMobilized: {
    plover: 'MOBILIZE',
    cameo: '150',
    goldstein: -7.2,
    symmetric: false,
    description: 'a show of force: an armed parade or convoy, troops deployed, alert raised',
  },
  AttackCarriedOut: {
    plover: 'ASSAULT',
    cameo: '190',
    goldstein: -10,
    symmetric: false,
    description: 'an armed attack: air strike, rocket or drone attack, bombing, killing, assassination',
  },
  TroopsWithdrawn: {
    plover: 'RETREAT',
    ploverMode: 'withdraw',
    cameo: '0874',
    goldstein: 10,
    symmetric: false,
    description: 'troops or forces withdraw, or a withdrawal is announced or agreed',
  },
  ResolutionPassed: {
    plover: null,
    cameo: null,
    goldstein: null,
    symmetric: false,
    description: 'a legislature or council votes on or passes a law, bill or resolution',
  },
  ElectionHeld: {
    plover: null,
    cameo: null,
    goldstein: null,
    symmetric: false,
    description: 'an election is held, called, scheduled or postponed',
  },
} as const satisfies Record<string, EventTypeInfo>;

export type EventType = keyof typeof EVENT_TYPES;

export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as readonly EventType[];

export function isEventType(x: unknown): x is EventType {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(EVENT_TYPES, x);
}

/** Ends every switch over a union: a missing case becomes a compile error here. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${String(x)}`);
}
