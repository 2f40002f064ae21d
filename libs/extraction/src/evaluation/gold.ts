import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor, DateInterval, EventType, Modality } from '#domain';

export interface GoldEvent {
  type: EventType;
  required: boolean;
  agent: Actor[];
  target: Actor[];
  date: DateInterval;
  modality: Modality;
  evidence: string[];
}

export interface GoldArticle {
  id: string;
  publishedAt: string;
  text: string;
  events: GoldEvent[];
}

/** Reads `<id>.txt` + `<id>.gold.json` pairs from a corpus directory. */
export function loadCorpus(dir: string): GoldArticle[] {
  const out: GoldArticle[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.gold.json'))
    .sort()) {
    const id = f.slice(0, -'.gold.json'.length);
    const gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { publishedAt: string; events: GoldEvent[] };
    out.push({
      id,
      publishedAt: gold.publishedAt,
      text: readFileSync(join(dir, `${id}.txt`), 'utf8'),
      events: gold.events,
    });
  }
  return out;
}
