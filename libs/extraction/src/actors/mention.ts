import type { Sector } from '#domain';
import type { AliasVia, Entity } from './gazetteer.js';

export interface Mention {
  /** First token index. */
  first: number;
  /** One past the last token index. */
  last: number;
  start: number;
  end: number;
  /** Where the name itself starts, before a title widened the mention ("Prime Minister ..."). */
  nameStart: number;
  entity: Entity;
  via: AliasVia | 'phonetic' | 'title' | 'head' | 'pronoun';
  /** The role this mention plays when it is a group ("officials" -> GOV, "troops" -> MIL). */
  sector: Sector;
  /** Followed by "'s". */
  possessive: boolean;
  /**
   * The office a title names ("Iraq's prime minister"), whatever it resolved to on the
   * publication date; resolveTitleOn() resolves it again on an event's own date.
   */
  title?: { role: string; country: string };
}
