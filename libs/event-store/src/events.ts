import { createHash, randomUUID } from 'node:crypto';

/** What travels with every event besides its data. */
export interface EventMetadata {
  /** The request or job the event came from; shared by everything it caused. */
  correlationId: string;
  /** The event or command that directly caused this one. */
  causationId?: string;
  /** Version of the event's data shape, so readers can upcast old events. */
  schemaVersion: number;
  /** Who asked for it (an admin's email, "webhook:<sender>", "coder"). */
  actor?: string;
  /** Free-form reason, e.g. for corrections. */
  reason?: string;
  [key: string]: unknown;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** Give a deterministic id to make the append idempotent; random if omitted. */
  eventId?: string;
  type: Type;
  data: Data;
  metadata?: Partial<EventMetadata>;
}

export interface StoredEvent<Type extends string = string, Data = unknown> {
  globalPosition: bigint;
  /** PostgreSQL xid8 of the appending transaction (decimal string). */
  transactionId: string;
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
  /**
   * Set when a consumer runs the event again from parking (an admin's replay):
   * idempotency guards that skip events already passed must let it through.
   */
  replayed?: boolean;
}

/** The stored form of each event of a union `{ type, data }` (a discriminated union stays one). */
export type StoredEventOf<E extends { type: string; data: unknown }> = E extends {
  type: infer T extends string;
  data: infer D;
}
  ? StoredEvent<T, D>
  : never;

const UUID_NAMESPACE = '6f1a3c5e-2b7d-4e8a-9c0f-1d2e3f4a5b6c';

/**
 * Name-based UUID (version 5, RFC 9562): the same name always gives the same
 * id, which is how retries and duplicate deliveries become no-op appends.
 */
export function deterministicEventId(...parts: string[]): string {
  const namespace = Buffer.from(UUID_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(parts.join('\u001f')).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function newEventId(): string {
  return randomUUID();
}
