import { Injectable } from '@nestjs/common';
import { type Gazetteer, loadGazetteer } from '#extraction/actors/gazetteer';

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/**
 * The coder's actor dictionary, for finding an actor by any of its names:
 * "Kadhimi", "al-Kadhimi", "Iranian", "Tehran". Loaded on the first search
 * (the api never codes, so it does not load it at start).
 */
@Injectable()
export class ActorAliases {
  private entries?: { surface: string; id: string; form: string }[];

  /** Actor ids whose name or alias contains q, each with the form that matched (at most 200). */
  match(q: string): Map<string, string> {
    const needle = fold(q.trim());
    const found = new Map<string, string>();
    if (needle.length < 2) return found;
    for (const entry of this.load()) {
      if (found.size >= 200) break;
      if (!found.has(entry.id) && entry.surface.includes(needle)) found.set(entry.id, entry.form);
    }
    return found;
  }

  private load(): { surface: string; id: string; form: string }[] {
    if (!this.entries) {
      const gazetteer: Gazetteer = loadGazetteer();
      this.entries = [
        ...[...gazetteer.entities.values()].map((e) => ({ surface: fold(e.name), id: e.id, form: e.name })),
        ...gazetteer.aliases.map((a) => ({ surface: fold(a.surface), id: a.entity.id, form: a.surface })),
      ];
    }
    return this.entries;
  }
}
