// The fields of a coded event (shared/spec/event-catalog.md, "Fields of a coded event").
import type { EventType, Plover } from './event-types.js';

export type Sector =
  'GOV' | 'MIL' | 'LEG' | 'JUD' | 'PTY' | 'REB' | 'COP' | 'SPY' | 'CVL' | 'BUS' | 'MED' | 'IGO' | 'UNK';

export const SECTORS: readonly Sector[] = [
  'GOV',
  'MIL',
  'LEG',
  'JUD',
  'PTY',
  'REB',
  'COP',
  'SPY',
  'CVL',
  'BUS',
  'MED',
  'IGO',
  'UNK',
];

export interface Actor {
  /** The name as the article gives it, in its fullest form. */
  name: string;
  /** Stable canonical slug ("mustafa-al-kadhimi", "iran"). */
  id: string;
  /** ISO 3166-1 alpha-3, or IGO for international organisations. */
  country: string;
  sector: Sector;
}

export type DatePrecision = 'day' | 'week' | 'month' | 'season' | 'year' | 'unknown';

export interface DateInterval {
  /** YYYY-MM-DD, inclusive. */
  start: string;
  /** YYYY-MM-DD, inclusive. */
  end: string;
  precision: DatePrecision;
  /** The words the date came from ("last week"), when the text gave any. */
  text?: string;
}

export type Modality = 'asserted' | 'future' | 'hypothetical' | 'negated';

export const MODALITIES: readonly Modality[] = ['asserted', 'future', 'hypothetical', 'negated'];

/** Only what happened counts as happened: reads, counts, exports and alert rules default to these. */
export const DEFAULT_MODALITIES: readonly Modality[] = ['asserted'];

/** A mention: JavaScript string indices into the article text, end exclusive. */
export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
}

/** How exactly a place is known: a city (or town), a first-level region, or only its country. */
export type PlacePrecision = 'city' | 'region' | 'country';

export const PLACE_PRECISIONS: readonly PlacePrecision[] = ['city', 'region', 'country'];

export interface EventLocation {
  /** The place as the article names it. */
  name: string;
  /** ISO 3166-1 alpha-3 of the place. */
  country: string;
  /** WGS84 degrees from the gazetteer (libs/extraction/src/places); absent when it did not know the place. */
  lat?: number;
  lon?: number;
  precision?: PlacePrecision;
  /** The first-level region the place is or lies in, and its ISO 3166-2 code, when known. */
  region?: string;
  regionCode?: string;
  /** The gazetteer's own id of the place ("city:134473"), like GDELT's FeatureID. */
  placeId?: string;
}

export interface CodedEvent {
  /** Unique within one article's output ("e1", "e2", ...); used by `links`. */
  id: string;
  type: EventType;
  agent: Actor[];
  target: Actor[];
  date: DateInterval;
  location?: EventLocation;
  modality: Modality;
  /** All mentions of the one real-world event; the first is the clearest. */
  evidence: EvidenceSpan[];
  /** Who the article says reported it ("two Iraqi officials"). */
  attribution?: string;
  confidence: number;
  cameo: string | null;
  goldstein: number | null;
  plover: Plover | null;
  /** Ids of events of the same article this one is part of (a letter and the demand and threat it carries). */
  links?: string[];
  /** True when every mention came from a photo caption or credit line. */
  caption?: boolean;
}
