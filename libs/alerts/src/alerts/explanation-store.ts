import { createHash } from 'node:crypto';
import { type RawBuilder, type Transaction, sql } from 'kysely';
import type { Database } from '#db';

// Alert explanations are stored once per content in alert_explanations and
// named by hash from each alert version (migration 2026-12-03T15-30): alerts of
// subscriptions with the same rule on one incident share one body, and a
// version whose explanation did not change is recognised by its hash.

/** The name of an explanation: sha-256 of its JSON exactly as stored. */
export const explanationHash = (json: string): string => createHash('sha256').update(json).digest('base64url');

/** An alert row's explanation, inline (versions written before) or by hash. */
export const fullExplanation = (alias: string): RawBuilder<unknown> =>
  sql`coalesce(${sql.ref(`${alias}.explanation`)}, (select x.body from alert_explanations x where x.hash = ${sql.ref(`${alias}.explanation_hash`)}))`;

/** Rows per INSERT into alert_explanations (two arrays, so no parameter limit; kept moderate for memory). */
const CHUNK = 2_000;

/** Stores these bodies (hash → JSON) unless already there: content-addressed, so a stored one is the same. */
export async function storeExplanations(trx: Transaction<Database>, bodies: Map<string, string>): Promise<void> {
  const entries = [...bodies];
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK);
    await sql`
      insert into alert_explanations (hash, body)
      select h, b::jsonb from unnest(${sql.val(chunk.map(([h]) => h))}::text[], ${sql.val(chunk.map(([, b]) => b))}::text[]) as t(h, b)
      on conflict (hash) do nothing`.execute(trx);
  }
}
