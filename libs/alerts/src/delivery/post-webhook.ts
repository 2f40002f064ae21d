import { InternalAddressError, type OutboundClient, OutboundUrlError, defaultOutboundClient } from '#outbound';
import { signedWebhookHeaders } from './signing.js';

/** One attempt, as recorded and shown at /api/alerts/:id. */
export interface AttemptOutcome {
  ok: boolean;
  startedAt: Date;
  /** HTTP status, when the receiver answered. */
  status: number | null;
  latencyMs: number;
  /** Why it failed: `HTTP 500`, `timeout after 10000 ms`, the network error. */
  error: string | null;
  /** A 4xx other than 408/429 will not get better by retrying. */
  permanent: boolean;
}

/**
 * POSTs a signed body with a timeout (AbortSignal); any 2xx is success. The
 * response body is read (and dropped) so the connection can be reused.
 * The receiver's address is checked when the connection is made (libs/outbound):
 * an internal one the allowlist does not name fails the attempt for good. A
 * redirect is not followed (a POST is not replayed elsewhere): it fails the attempt.
 */
export async function postWebhook(
  url: string,
  secret: string,
  webhookId: string,
  body: string,
  timeoutMs: number,
  client: OutboundClient = defaultOutboundClient(),
): Promise<AttemptOutcome> {
  const startedAt = new Date();
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await client.fetch(url, {
      method: 'POST',
      headers: signedWebhookHeaders(secret, webhookId, body, startedAt),
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    const permanent =
      response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
    return {
      ok,
      startedAt,
      status: response.status,
      latencyMs: latency(),
      error: ok ? null : `HTTP ${response.status}`,
      permanent,
    };
  } catch (error) {
    const refused = [error, (error as { cause?: unknown }).cause].find(
      (e) => e instanceof InternalAddressError || e instanceof OutboundUrlError,
    ) as Error | undefined;
    if (refused)
      return {
        ok: false,
        startedAt,
        status: null,
        latencyMs: latency(),
        error: `refused: ${refused.message}`.slice(0, 500),
        permanent: true,
      };
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const message =
      e.name === 'TimeoutError'
        ? `timeout after ${timeoutMs} ms`
        : [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(': ');
    return { ok: false, startedAt, status: null, latencyMs: latency(), error: message.slice(0, 500), permanent: false };
  }
}
