// How place names are compared: without accents, case, punctuation, the
// article, Arabic's "al-" and a trailing "province"/"governorate"/"city", so
// that "al-Anbar province", "Anbar" and "Al Anbar" are one name.

const ARTICLE = /^(?:the|al|el|ad|an|ar|as|at|az)\s+/;
const KIND =
  /\s+(?:province|governorate|governorates|region|state|district|prefecture|oblast|county|municipality|city|town)$/;
const KIND_BEFORE = /^(?:province|governorate|region|state|city|district) of\s+/;

export function placeKey(name: string): string {
  let key = name
    .slice(0, 200)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019'`ʿʾ]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  key = key.replace(KIND_BEFORE, '').replace(KIND, '').replace(ARTICLE, '');
  return key.trim();
}
