/**
 * What PostgreSQL cannot store as text: NUL (refused by text and jsonb alike)
 * and unpaired UTF-16 surrogates (refused by jsonb; text would silently turn
 * them into U+FFFD). Neither is ever text a person sent, so every edge refuses
 * them with a message naming where they are, instead of a database error.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Undefined when PostgreSQL can store the value; otherwise what is wrong and where. Linear in its length. */
export function unstorableTextProblem(value: string): string | undefined {
  const match = UNSTORABLE.exec(value);
  if (!match) return undefined;
  const what =
    match[0] === '\u0000'
      ? 'a NUL character (U+0000)'
      : `an unpaired surrogate (U+${match[0].charCodeAt(0).toString(16).toUpperCase()}), which is not valid Unicode`;
  return `contains ${what} at position ${match.index}`;
}
