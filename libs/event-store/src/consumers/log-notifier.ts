import pg from 'pg';
import { EVENTS_CHANNEL } from '../event-store.js';

/**
 * One LISTEN connection per process that wakes every log consumer when an
 * append commits. Consumers also poll, so a lost connection only adds latency;
 * it reconnects by itself.
 */
export class LogNotifier {
  private client?: pg.Client;
  private readonly listeners = new Set<() => void>();
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly connectionString: string) {}

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
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'newsledger-notifier' });
    client.on('error', () => this.scheduleReconnect());
    client.on('end', () => this.scheduleReconnect());
    client.on('notification', () => this.listeners.forEach((listener) => listener()));
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.client = client;
    // Whatever committed while we were not listening is picked up at once.
    this.listeners.forEach((listener) => listener());
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
