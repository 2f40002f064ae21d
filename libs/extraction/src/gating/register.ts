// The register of an article: political, or sports, markets, science, weather,
// culture, technology. News outside politics still names countries ("Brazil
// beat Argentina"), companies' nationalities ("a Dutch chipmaker") and uses
// the coder's trigger words ("stocks rallied", "Argentina's attack"), so a
// non-political article is told by its vocabulary and yields no events.
// The word lists are data (data/registers.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Registers {
  political: Set<string>;
  others: Map<string, Set<string>>;
  /** word -> the registers it belongs to (political = -1, others by index into `names`) */
  byWord: Map<string, number[]>;
  names: string[];
}

export function loadRegisters(dir: string): Registers {
  const raw = JSON.parse(readFileSync(join(dir, 'registers.json'), 'utf8')) as Record<string, string[] | string>;
  const others = new Map<string, Set<string>>();
  let political = new Set<string>();
  for (const [name, words] of Object.entries(raw)) {
    if (!Array.isArray(words)) continue;
    if (name === 'political') political = new Set(words);
    else others.set(name, new Set(words));
  }
  const names = [...others.keys()];
  const byWord = new Map<string, number[]>();
  const add = (w: string, i: number): void => {
    const l = byWord.get(w);
    if (l) l.push(i);
    else byWord.set(w, [i]);
  };
  for (const w of political) add(w, -1);
  names.forEach((name, i) => {
    for (const w of others.get(name)!) add(w, i);
  });
  return { political, others, byWord, names };
}

export interface RegisterScore {
  register: string;
  /** Tokens of the strongest non-political register. */
  other: number;
  political: number;
}

/** Characters read to tell the register: an article's opening says what it is about. */
const REGISTER_CHARS = 20_000;

/** Counts each register's words over the article's opening (each distinct word at most 3 times). */
export function scoreRegister(text: string, r: Registers): RegisterScore {
  const seen = new Map<string, number>();
  const counts = new Array<number>(r.names.length).fill(0);
  let political = 0;
  for (const [w] of text
    .slice(0, REGISTER_CHARS)
    .toLowerCase()
    .matchAll(/[a-z][a-z&'-]*/g)) {
    const registers = r.byWord.get(w);
    if (!registers) continue;
    const n = (seen.get(w) ?? 0) + 1;
    seen.set(w, n);
    if (n > 3) continue;
    for (const i of registers) {
      if (i < 0) political++;
      else counts[i]!++;
    }
  }
  let register = 'political';
  let other = 0;
  counts.forEach((n, i) => {
    if (n > other) [register, other] = [r.names[i]!, n];
  });
  return { register, other, political };
}

/** Whether an article is outside politics: its strongest other register clearly outweighs politics. */
export function isNonPolitical(s: RegisterScore): boolean {
  return s.other >= 6 && s.other >= 2.5 * Math.max(1, s.political);
}
