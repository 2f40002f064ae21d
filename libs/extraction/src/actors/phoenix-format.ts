// Readers for the Phoenix actor and agent dictionaries (PETRARCH format, see
// shared/data/petrarch2/dictionaries.rst). Pure functions from text to rows;
// scripts/extraction/convert-dictionaries.ts turns the rows into our tables.
import type { Sector } from '#domain';

/** One code with the dates it applies to ("" = open on that side; both "" = the default code). */
export interface CodeSpan {
  code: string;
  from: string;
  to: string;
}

export interface ActorRecord {
  /** The primary phrase first, then its synonyms, as written ("NURI_AL_MALIKI_"). */
  names: string[];
  codes: CodeSpan[];
  /** Comments on the record's lines, lower-cased ("# prime minister"); offices are read from them. */
  notes: string[];
}

/** "20060520" or "060520" (two-digit years below 30 are 20xx) to "2006-05-20"; undefined if malformed. */
export function phoenixDate(s: string): string | undefined {
  let d = s.trim();
  if (d.length === 10 && /^(?:19|20)(?:19|20)\d{6}$/.test(d)) d = d.slice(2); // "1920030320": a doubled century
  if (/^\d{6}$/.test(d)) d = (Number(d.slice(0, 2)) < 30 ? '20' : '19') + d;
  if (!/^\d{8}$/.test(d)) return undefined;
  const [y, m, day] = [d.slice(0, 4), d.slice(4, 6), d.slice(6, 8)];
  if (Number(m) < 1 || Number(m) > 12 || Number(day) < 1 || Number(day) > 31) return undefined;
  return `${y}-${m}-${day}`;
}

/** "[IRQGOV 20060520-20140908]", "[IRQ <20030320]", "[RUSGOV >080508]", "[AFGELI]" -> spans. */
export function parseCodes(s: string): CodeSpan[] {
  const out: CodeSpan[] = [];
  for (const m of s.matchAll(/\[([^\]]*)\]/g)) {
    const parts = m[1]!.trim().split(/\s+/);
    const code = parts[0] ?? '';
    if (!/^[A-Z]{3}[A-Z]*$/.test(code)) continue; // "[---]" and malformed codes name no one
    const when = parts.slice(1).join('');
    if (!when) {
      out.push({ code, from: '', to: '' });
      continue;
    }
    let from: string | undefined = '';
    let to: string | undefined = '';
    if (when.startsWith('<')) to = phoenixDate(when.slice(1));
    else if (when.startsWith('>')) from = phoenixDate(when.slice(1));
    else {
      const [a, b] = when.split('-');
      from = phoenixDate(a ?? '');
      to = phoenixDate(b ?? '');
    }
    if (from === undefined || to === undefined) continue; // an unreadable date: drop the restriction, not the actor
    out.push({ code, from, to });
  }
  return out;
}

function splitComment(line: string): [string, string] {
  const i = line.indexOf('#');
  return i < 0
    ? [line, '']
    : [
        line.slice(0, i),
        line
          .slice(i + 1)
          .trim()
          .toLowerCase(),
      ];
}

/**
 * Records of an actor dictionary: a primary phrase (optionally with its codes
 * on the line), "+synonym" lines, then tab-indented "[CODE dates]" lines.
 */
export function parseActorDictionary(text: string): ActorRecord[] {
  const out: ActorRecord[] = [];
  let cur: ActorRecord | undefined;
  for (const raw of text.split(/\r?\n/)) {
    // a comment line: headings there ("# Presidents") are not reliably closed, so they say nothing
    if (/^\s*#/.test(raw)) continue;
    if (!raw.trim()) continue;
    const [body, note] = splitComment(raw);
    if (/^\s/.test(raw)) {
      // a date restriction line belongs to the current record
      if (cur) {
        cur.codes.push(...parseCodes(body));
        if (note) cur.notes.push(note);
      }
      continue;
    }
    const codeAt = body.indexOf('[');
    const phrase = (codeAt < 0 ? body : body.slice(0, codeAt)).trim();
    const codes = codeAt < 0 ? [] : parseCodes(body.slice(codeAt));
    if (body.startsWith('+')) {
      if (!cur) continue;
      // "+A_+B" on one line: two synonyms run together
      for (const p of phrase.slice(1).split('+')) if (p.trim()) cur.names.push(p.trim());
      cur.codes.push(...codes);
      if (note) cur.notes.push(note);
      continue;
    }
    cur = { names: [phrase], codes, notes: [] };
    if (note) cur.notes.push(note);
    out.push(cur);
  }
  return out.filter((r) => r.names[0] && r.codes.length > 0);
}

/** PETRARCH's phrase to words: "NURI_AL-MALIKI_" -> ["nuri", "al-maliki"]. */
export function phraseWords(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ') // "(ALF)" acronym notes
    .split(/[_\s]+/)
    .filter((w) => w.length > 0);
}

const PARTICLES = new Set([
  'al',
  'el',
  'bin',
  'ibn',
  'bint',
  'de',
  'da',
  'di',
  'del',
  'der',
  'van',
  'von',
  'la',
  'le',
  'du',
  'dos',
  'das',
  'of',
  'the',
  'and',
  'for',
  'on',
  'in',
  'ul',
  'ud',
]);

/** Words to a display name: "nuri al-maliki" -> "Nuri al-Maliki"; acronyms stay upper-case. */
export function displayName(words: string[]): string {
  return words
    .map((w, i) => {
      if (i > 0 && PARTICLES.has(w)) return w;
      if (!/[aeiouy]/.test(w) && w.length <= 5) return w.toUpperCase(); // "krg", "ansf"
      return w
        .replace(/(^|[-'.])([a-z\u00e0-\u024f])/g, (_, p: string, c: string) => p + c.toUpperCase())
        .replace(/^Al-/, i > 0 ? 'al-' : 'Al-');
    })
    .join(' ');
}

/** Our sector for a PETRARCH role code after the country part ("GOV", "MILGOV", "REBHMS", "OPP"). */
export function sectorOf(rest: string): Sector | undefined {
  const head = rest.slice(0, 3);
  switch (head) {
    case 'GOV':
    case 'MIL':
    case 'LEG':
    case 'JUD':
    case 'COP':
    case 'SPY':
    case 'BUS':
    case 'MED':
    case 'CVL':
    case 'PTY':
    case 'REB':
    case 'IGO':
      return head;
    case 'OPP':
      return 'PTY'; // the political opposition; protesters are CVL (agentSector)
    case 'UAF':
    case 'INS':
    case 'SEP':
    case 'IMG':
      return 'REB'; // armed non-state: unaligned forces, insurgents, separatists
    case 'ELI':
    case 'CRM':
    case '':
      return undefined;
    default:
      return 'CVL'; // the rest are parts of society: labour, education, religion, NGOs, refugees ...
  }
}

/** Historical codes PETRARCH still uses for states that became others. */
const LEGACY_COUNTRY: Record<string, string> = {
  USR: 'RUS',
  SUN: 'RUS',
  YUG: 'SRB',
  SCG: 'SRB',
  FRY: 'SRB',
  DDR: 'DEU',
  CSK: 'CZE',
  TMP: 'TLS',
  KSV: 'XKX',
  KOS: 'XKX',
};

export interface Role {
  country: string;
  sector: Sector | undefined;
}

/**
 * A role code to our country and sector: "IRQGOV" -> IRQ/GOV, "IGOUNO" -> IGO/IGO,
 * "IMGMUSALQ" -> IGO/REB (a transnational armed group), "NGO..." -> IGO/CVL.
 * Undefined when the country part is none we code (regions, companies).
 */
export function roleOf(code: string, isoCodes: ReadonlySet<string>): Role | undefined {
  const c3 = code.slice(0, 3);
  const rest = code.slice(3);
  if (c3 === 'IGO') return { country: 'IGO', sector: 'IGO' };
  if (c3 === 'IMG') return { country: 'IGO', sector: 'REB' };
  if (c3 === 'NGO') return { country: 'IGO', sector: 'CVL' };
  const iso = LEGACY_COUNTRY[c3] ?? c3;
  if (!isoCodes.has(iso)) return undefined;
  return { country: iso, sector: sectorOf(rest) };
}

// ---- agents ----

export interface AgentRow {
  /** Lower-case words, consecutive ("foreign minister"). */
  phrase: string;
  sector: Sector;
}

const PROTEST_NOUN = /protest|demonstrat|riot|marcher|picket/;

/** An agent code ("~GOV", "~OPP", "NGO~") to our sector; protesters are civilians (the catalog's CVL). */
export function agentSector(code: string, phrase: string): Sector | undefined {
  const c = code.replace('~', '');
  if (code.endsWith('~')) return c.startsWith('IGO') ? 'IGO' : c.startsWith('MNC') ? 'BUS' : 'CVL';
  if (c.startsWith('OPP') && PROTEST_NOUN.test(phrase)) return 'CVL';
  return sectorOf(c);
}

function plural(w: string): string {
  if (/(?:s|x|z|ch|sh)$/.test(w)) return w + 'es';
  if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ies';
  return w + 's';
}

/**
 * The agents dictionary: "FOREIGN_MINISTER [~GOV]", "POLICE {} [~COP]" (no plural),
 * "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]", substitution sets "!MINIST! = ...".
 * Returns each singular and plural form with its sector.
 */
export function parseAgentDictionary(text: string): AgentRow[] {
  const subs = new Map<string, string[]>();
  const out: AgentRow[] = [];
  const seen = new Set<string>();
  const add = (phrase: string, sector: Sector): void => {
    const p = phrase.replace(/_/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
    // a phrase ending in a function word ("EMBASSY_IN") would swallow the preposition after the noun
    if (!p || seen.has(p) || /\s(?:in|of|to|for|the|and|on|at|with|from|by)$/.test(p)) return;
    seen.add(p);
    out.push({ phrase: p, sector });
  };
  for (const raw of text.split(/\r?\n/)) {
    const [body] = splitComment(raw);
    const line = body.trim();
    if (!line || line.startsWith('<!--')) continue;
    const sub = /^(![A-Z]+!)\s*=\s*(.+)$/.exec(line);
    if (sub) {
      subs.set(
        sub[1]!,
        sub[2]!.split(',').map((x) => x.trim()),
      );
      continue;
    }
    const m = /^([^[{]+?)\s*(?:\{([^}]*)\})?\s*\[([^\]]+)\]/.exec(line);
    if (!m) continue;
    const phrase = m[1]!.trim();
    const irregular = m[2];
    const code = m[3]!.trim();
    const sector = agentSector(code, phrase.toLowerCase());
    if (!sector) continue;
    // "!MINIST!" inside a phrase, and "MINIST" as a stem of the same set, expand to each member
    const variants: string[] = [];
    let expanded = false;
    for (const [marker, members] of subs) {
      const stem = marker.slice(1, -1);
      if (phrase.includes(marker)) {
        for (const x of members) variants.push(phrase.split(marker).join(x));
        expanded = true;
      } else if (new RegExp(`(?:^|_)${stem}$`).test(phrase)) {
        for (const x of members) variants.push(phrase.slice(0, -stem.length) + x);
        expanded = true;
      }
    }
    if (expanded) {
      for (const v of variants) add(v, sector);
      continue;
    }
    add(phrase, sector);
    if (irregular !== undefined) {
      for (const p of irregular.split(/\s+/)) if (p.trim()) add(p, sector);
    } else if (!phrase.endsWith('_')) {
      const words = phrase.replace(/_+$/, '').split('_');
      words[words.length - 1] = plural(words[words.length - 1]!.toLowerCase());
      add(words.join('_'), sector);
    }
  }
  return out;
}
