// Surface forms are matched on the concatenation of token values without
// spaces ("al-Kadhimi" is one key however wink splits it), longest first.
import { normalizeQuotes } from '../sentences/tokens.js';
import type { DictionaryLayer } from './dictionary.js';
import type { AliasEntry, AliasVia, Gazetteer } from './gazetteer.js';

const VIA_RANK: Record<AliasVia, number> = { name: 0, alias: 1, capital: 2, demonym: 3 };

export function compactKey(s: string): string {
  return normalizeQuotes(s).replace(/\s+/g, '');
}

export interface AliasIndex {
  /** Case-sensitive keys for names ("Iran", "IS"), with all-caps and al-/Al- variants. */
  exact: Map<string, AliasEntry>;
  /** Case-insensitive keys for common nouns ("militias", "the coalition"). */
  folded: Map<string, AliasEntry>;
  /** Every prefix of every key, so a scan can stop as soon as no key can follow. */
  prefixes: Set<string>;
  /** Title phrases ("prime minister") to roles. */
  titles: Map<string, string>;
  maxTokens: number;
  /** The field dictionaries' names, matched on loose keys, only where ours match nothing. */
  dictionary?: DictionaryLayer;
}

function put(map: Map<string, AliasEntry>, key: string, e: AliasEntry): void {
  const old = map.get(key);
  if (!old || VIA_RANK[e.via] < VIA_RANK[old.via]) map.set(key, e);
}

function addPrefixes(set: Set<string>, key: string): void {
  for (let i = 1; i <= key.length; i++) set.add(key.slice(0, i));
}

export function buildAliasIndex(g: Gazetteer): AliasIndex {
  const exact = new Map<string, AliasEntry>();
  const folded = new Map<string, AliasEntry>();
  const prefixes = new Set<string>();
  const titles = new Map<string, string>();
  let maxTokens = 1;
  for (const a of g.aliases) {
    const key = compactKey(a.surface);
    maxTokens = Math.max(maxTokens, a.surface.split(/[\s-]+/).length * 2 + 2);
    if (/[A-Z]/.test(a.surface)) {
      const variants = new Set([
        key,
        key.toUpperCase(),
        key.replace(/^al-/, 'Al-'),
        key.replace(/^Al-/, 'al-'),
        key.replace(/-al-/g, '-Al-'),
        key.replace(/^the/, 'The'),
      ]);
      for (const v of variants) {
        put(exact, v, a);
        addPrefixes(prefixes, v);
      }
    } else {
      put(folded, key, a);
      addPrefixes(prefixes, key);
    }
  }
  for (const t of g.titles) {
    for (const p of t.phrases) {
      const key = compactKey(p);
      titles.set(key, t.role);
      addPrefixes(prefixes, key);
    }
  }
  return { exact, folded, prefixes, titles, maxTokens: Math.min(maxTokens, 16), dictionary: g.dictionary };
}
