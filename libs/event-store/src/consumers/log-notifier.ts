import pg from 'pg';
import { EVENTS_CHANNEL } from '../event-store.js';

/** After waking the consumers, further NOTIFYs within this window wake them once, at its end. */
const COALESCE_MS = 20;

/**
 * One LISTEN connection per process that wakes every log consumer when an
 * append commits. Consumers also poll, so a lost connection only adds latency;
 * it reconnects by itself.
 *
 * Wake-ups are coalesced: the first NOTIFY wakes at once, those arriving in the
 * next COALESCE_MS wake once when the window ends (never dropped: each NOTIFY is
 * followed by a wake-up no earlier than itself). Coding appends one article at
 * a time, and every wake-up costs each consumer a transaction (checkpoint read,
 * log window, checkpoint write): unthrottled they ran ~4 such transactions per
 * article while keeping up (bench:pipeline); now at most one per window.
 */
export class LogNotifier {
  private client?: pg.Client;
  private readonly listeners = new Set<() => void>();
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;
  private holdTimer?: NodeJS.Timeout;
  private pending = false;

  constructor(
    private readonly connectionString: string,
    private readonly coalesceMs = COALESCE_MS,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect().catch(() => this.scheduleReconnect());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'newsledger-notifier' });
    client.on('error', () => this.scheduleReconnect());
    client.on('end', () => this.scheduleReconnect());
    client.on('notification', () => this.notified());
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.client = client;
    // Whatever committed while we were not listening is picked up at once.
    this.listeners.forEach((listener) => listener());
  }

  private notified(): void {
    if (this.holdTimer) {
      this.pending = true;
      return;
    }
    this.listeners.forEach((listener) => listener());
    this.holdTimer = setTimeout(() => {
      this.holdTimer = undefined;
      if (this.pending && !this.stopped) {
        this.pending = false;
        this.notified();
      }
    }, this.coalesceMs);
    this.holdTimer.unref();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.client = undefined;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) this.connect().catch(() => this.scheduleReconnect());
    }, 1_000);
  }
}
