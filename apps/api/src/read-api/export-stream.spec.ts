import type { Logger } from '@nestjs/common';
import { safeExportStream } from './export-stream.js';

const read = async (stream: NodeJS.ReadableStream) => {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
};

describe('export streams', () => {
  const errors: unknown[] = [];
  // A logger that keeps what it is told (the real one writes to the console).
  const logger = { error: (...args: unknown[]) => void errors.push(args) } as unknown as Logger;
  beforeEach(() => {
    errors.length = 0;
  });

  it('fails before any byte is sent when the first batch fails (an error status, not a 200 that breaks off)', async () => {
    async function* refused(): AsyncGenerator<string> {
      throw new Error('date/time field value out of range');
    }
    await expect(safeExportStream(refused(), logger, 'PLOVER')).rejects.toThrow('out of range');
  });

  it('ends the body cleanly with a trailer, and logs, when the database fails mid-way', async () => {
    async function* breaksOff(): AsyncGenerator<string> {
      yield '{"event_id":"e1"}\n';
      yield '{"event_id":"e2"}\n';
      throw new Error('Connection terminated');
    }
    const stream = await safeExportStream(
      breaksOff(),
      logger,
      'PLOVER',
      () => '{"error":"incomplete","complete":false}\n',
    );
    expect(await read(stream)).toBe('{"event_id":"e1"}\n{"event_id":"e2"}\n{"error":"incomplete","complete":false}\n');
    expect(errors).toHaveLength(1);
  });

  it('streams everything when nothing fails, and an empty export as empty', async () => {
    async function* lines(): AsyncGenerator<string> {
      yield 'a\n';
      yield 'b\n';
    }
    expect(await read(await safeExportStream(lines(), logger, 'CSV'))).toBe('a\nb\n');
    async function* none(): AsyncGenerator<string> {}
    expect(await read(await safeExportStream(none(), logger, 'CSV'))).toBe('');
    expect(errors).toEqual([]);
  });
});
