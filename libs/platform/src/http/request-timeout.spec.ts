import { Readable } from 'node:stream';
import { Controller, Get, Module, StreamableFile } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NewsledgerFastifyAdapter } from './fastify-adapter.js';
import { useRequestLog } from './request-log.js';
import { useRequestTimeout } from './request-timeout.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

@Controller()
class SlowController {
  @Get('stuck')
  async stuck() {
    await sleep(1_000);
    return { late: true };
  }

  @Get('stream')
  stream() {
    // Headers go out at once; the body takes longer than the timeout.
    return new StreamableFile(
      Readable.from(
        (async function* () {
          yield 'first\n';
          await sleep(400);
          yield 'second\n';
        })(),
      ),
    );
  }
}

@Module({ controllers: [SlowController] })
class SlowModule {}

describe('request timeout', () => {
  let app: NestFastifyApplication;
  let base: string;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(SlowModule, new NewsledgerFastifyAdapter({}), {
      logger: false,
    });
    useRequestLog(app);
    useRequestTimeout(app, 200);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  it('answers 503 request-timeout when a handler has not begun its answer in time', async () => {
    const response = await fetch(`${base}/stuck`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      error: 'request-timeout',
      message: expect.stringContaining('200 ms'),
    });
  });

  it('lets a stream that has begun run past the limit', async () => {
    const response = await fetch(`${base}/stream`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('first\nsecond\n');
  });
});
