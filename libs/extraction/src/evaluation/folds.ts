// The dev corpus split by article into folds, so a rule can be judged on
// articles it was not written from. A fold is a fixed function of the article
// id (never of its content), so a new article lands in a fold without anyone
// choosing it:
// - the articles the coder was tuned on before folds existed are fold f0;
// - an id that starts with a number n is fold f(n mod 4, with 0 as 4), which
//   spreads each numbered regional group (21-28, 31-38, 41-48) over f1..f4;
// - any other id goes by a hash of the id.
// LOOKED_AT lists the folds developers read (with --verbose) while writing
// rules; the others are only ever scored. Moving a fold into LOOKED_AT is a
// one-way door: say so in the commit, and the unseen score shrinks to the rest.

/** Folds whose articles developers have read while writing rules. */
export const LOOKED_AT: readonly string[] = ['f0', 'f1', 'f2'];

/** The articles the coder was written from before the corpus was split (rules-1.0.x). */
const TUNED_BEFORE_FOLDS = new Set([
  'ap-2021-04-07-kadhimi-letter',
  '04-iraq-parliament-votes-expel-us-zbc',
  '05-pentagon-accidental-withdrawal-letter-nymag',
  '07-us-iraq-strategic-dialogue-troops-republicworld',
  '12-us-sanctions-pmf-chief-fayyadh-almasdar',
  '15-qaani-arrives-baghdad-shafaq',
  '19-iran-saudi-fifth-round-baghdad-iranintl',
]);

const FOLDS = 4;

/** FNV-1a, 32 bits: a stable hash that needs nothing but the id. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function foldOf(articleId: string): string {
  if (TUNED_BEFORE_FOLDS.has(articleId)) return 'f0';
  const n = /^(\d+)-/.exec(articleId);
  const k = n ? Number(n[1]) % FOLDS : fnv1a(articleId) % FOLDS;
  return `f${k === 0 ? FOLDS : k}`;
}

export function isLookedAt(fold: string): boolean {
  return LOOKED_AT.includes(fold);
}
