import { Readable } from 'node:stream';
import type { Logger } from '@nestjs/common';

/**
 * A download that either fails before it starts or ends cleanly. The first
 * batch is read before the 200 goes out, so a query PostgreSQL refuses answers
 * an error status instead of a 200 that breaks off. An error later (the
 * database gone mid-download) ends the body properly, with `trailer` (e.g. a
 * JSON line saying the export is incomplete) when given, and is logged:
 * a client never sees a connection reset in the middle of a line.
 */
export async function safeExportStream(
  lines: AsyncGenerator<string>,
  logger: Logger,
  what: string,
  trailer?: (error: unknown) => string,
): Promise<Readable> {
  const first = await lines.next();
  async function* rest(): AsyncGenerator<string> {
    if (first.done) return;
    yield first.value;
    try {
      for (;;) {
        const next = await lines.next();
        if (next.done) return;
        yield next.value;
      }
    } catch (error) {
      logger.error({ err: error }, `${what} export interrupted; the body was ended early`);
      if (trailer) yield trailer(error);
    }
  }
  return Readable.from(rest());
}
