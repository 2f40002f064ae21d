// Probes the benchmarks share: how many statements this process sends, and what
// PostgreSQL's backends are waiting on while a phase runs.
import pg from 'pg';

const ignored = new WeakSet<pg.Client>();
let statements = 0;
let installed = false;

/**
 * Counts every statement any pg client of this process sends (Kysely's,
 * pools', and peers' that use the same `pg`), BEGIN and COMMIT included: each
 * is one round trip to PostgreSQL.
 */
export function countStatements(): () => number {
  if (!installed) {
    installed = true;
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (!ignored.has(this)) statements++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
  }
  return () => statements;
}

/**
 * Samples pg_stat_activity of one database every `everyMs` from a connection of
 * its own (not counted as a statement): which wait events the active client
 * backends are in. `CPU` is an active backend waiting on nothing.
 */
export class WaitSampler {
  private client?: pg.Client;
  private timer?: NodeJS.Timeout;
  private counts = new Map<string, number>();
  private samples = 0;
  private running = false;

  constructor(
    private readonly url: string,
    private readonly everyMs = 25,
  ) {}

  async start(): Promise<void> {
    this.counts = new Map();
    this.samples = 0;
    this.client ??= await this.connect();
    this.running = true;
    const tick = async () => {
      const { rows } = await this.client!.query<{ wait: string | null }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'CPU') as wait from pg_stat_activity
         where datname = current_database() and backend_type = 'client backend' and state = 'active' and pid <> pg_backend_pid()`,
      );
      this.samples++;
      for (const { wait } of rows) this.counts.set(wait ?? 'CPU', (this.counts.get(wait ?? 'CPU') ?? 0) + 1);
    };
    const loop = () => {
      if (!this.running) return;
      this.timer = setTimeout(() => void tick().then(loop, loop), this.everyMs);
    };
    loop();
  }

  /** Stops; returns the top waits as "wait avg-backends" (backends in that state per sample). */
  stop(top = 4): string {
    this.running = false;
    clearTimeout(this.timer);
    const entries = [...this.counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
    return entries.map(([wait, n]) => `${wait} ${(n / Math.max(1, this.samples)).toFixed(1)}`).join(', ');
  }

  async close(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'newsledger-bench-sampler' });
    ignored.add(client);
    await client.connect();
    return client;
  }
}
