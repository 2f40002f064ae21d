import type { DateInterval, EventType, Modality } from '#domain';
import type { Mention } from '../actors/mention.js';

/** One mention of an event, before mentions are merged into events. */
export interface Draft {
  type: EventType;
  sentence: number;
  /** Token index of the trigger head, for ordering. */
  head: number;
  caption: boolean;
  headline: boolean;
  /** A definite noun ("the message", "the meeting") that refers back to an event. */
  anaphor: boolean;
  anaphorOnly: boolean;
  agent: Mention[];
  target: Mention[];
  place?: Mention;
  /** The date the text gives for this mention, if any. */
  date?: DateInterval;
  modality: Modality;
  evidence: { start: number; end: number };
  attribution?: string;
}
