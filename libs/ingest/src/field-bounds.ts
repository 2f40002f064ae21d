import { unstorableTextProblem } from '#db/storable-text';

/**
 * Bounds on what an article delivery (webhook or feed item) may carry. Each
 * check returns a message naming the problem, or undefined when the value is
 * fine, so callers can attach the field name: the webhook answers 400 with it,
 * the feed poller skips the item and records it. Every check is linear in the
 * length of the value.
 */
export const FIELD_LIMITS = {
  /** Characters of a URL, before and after normalisation (percent-encoding can lengthen it). */
  urlLength: 2_048,
  webhookIdLength: 256,
  titleLength: 1_000,
  outletLength: 200,
  sourceIdLength: 200,
  /** Earliest publishedAt accepted: older is a placeholder (0001-01-01) or a typo, never news. */
  earliestPublishedAt: '1900-01-01',
  /** How far in the future publishedAt may lie (time zones, embargoes); further is a typo. */
  futureSlackDays: 2,
} as const;

const EARLIEST_PUBLISHED_MS = Date.parse(`${FIELD_LIMITS.earliestPublishedAt}T00:00:00Z`);
const DAY_MS = 86_400_000;

/** C0 controls other than tab, newline and carriage return, and DEL. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const CONTROL_GLOBAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const LONE_SURROGATE_GLOBAL = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** NUL or an unpaired surrogate (what PostgreSQL cannot store): refused in every field, the body included. */
export { unstorableTextProblem };

/** Short text fields (title, outlet, sourceId): no NUL, no unpaired surrogate, no control character but tab/newline. */
export function textFieldProblem(value: string, maxLength: number): string | undefined {
  if (value.length > maxLength) return `must be at most ${maxLength} characters (got ${value.length})`;
  const unstorable = unstorableTextProblem(value);
  if (unstorable) return unstorable;
  const control = CONTROL.exec(value);
  if (control) return `contains the control character ${codePoint(control[0])} at position ${control.index}`;
  return undefined;
}

/** Control characters (other than tab/newline/CR) become spaces, unpaired surrogates U+FFFD: what the stored text may hold. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL_GLOBAL, ' ').replace(LONE_SURROGATE_GLOBAL, '\ufffd');
}

/** An absolute http(s) URL without credentials, at most FIELD_LIMITS.urlLength characters before and after normalisation. */
export function httpUrlProblem(value: string): string | undefined {
  const max = FIELD_LIMITS.urlLength;
  if (value.length > max) return `must be at most ${max} characters (got ${value.length})`;
  const control = CONTROL.exec(value);
  if (control) return `contains the control character ${codePoint(control[0])} at position ${control.index}`;
  const unstorable = unstorableTextProblem(value);
  if (unstorable) return unstorable;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `must be an http(s) URL (got ${url.protocol.slice(0, 20)})`;
  if (url.username || url.password) return 'must not carry credentials (user:password@)';
  if (!url.hostname) return 'must name a host';
  if (url.href.length > max) return `must be at most ${max} characters once percent-encoded (got ${url.href.length})`;
  return undefined;
}

/** An ISO date or date-time between FIELD_LIMITS.earliestPublishedAt and now + futureSlackDays. (Its format is checked apart.) */
export function publishedAtProblem(value: string, now: Date): string | undefined {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return 'must be an ISO date (YYYY-MM-DD) or date-time';
  const latest = now.getTime() + FIELD_LIMITS.futureSlackDays * DAY_MS;
  if (time < EARLIEST_PUBLISHED_MS || time > latest) {
    const until = new Date(latest).toISOString().slice(0, 10);
    return `must lie between ${FIELD_LIMITS.earliestPublishedAt} and ${until} (${FIELD_LIMITS.futureSlackDays} days from now); got ${value.slice(0, 40)}`;
  }
  return undefined;
}

/** A webhook-id: 1 to FIELD_LIMITS.webhookIdLength visible ASCII characters (Standard Webhooks ids are like msg_2KWP…). */
export function webhookIdProblem(value: string): string | undefined {
  const max = FIELD_LIMITS.webhookIdLength;
  if (value.length === 0) return 'must not be empty';
  if (value.length > max) return `must be at most ${max} characters (got ${value.length})`;
  if (!/^[\x21-\x7e]+$/.test(value)) return 'must be visible ASCII characters only (no spaces or control characters)';
  return undefined;
}
