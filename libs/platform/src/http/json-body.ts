import { BadRequestException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { unstorableTextProblem } from '#db/storable-text';

/**
 * Route config (`@RouteConfig(RAW_JSON_BODY)`) for a route that must see the
 * exact bytes before any parsing — the article webhook checks its signature
 * first, then calls parseJsonBody itself. Its @Body() is the raw Buffer.
 */
export const RAW_JSON_BODY = { jsonBody: 'raw' } as const;

/** Deeper JSON than this is no request of ours (a subscription rule is 4 levels deep). */
export const MAX_JSON_DEPTH = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

interface BodyProblem {
  field: string;
  message: string;
}

function badBody(problem: BodyProblem, error = 'invalid-body'): BadRequestException {
  const message = problem.field === '(body)' ? problem.message : `${problem.field}: ${problem.message}`;
  return new BadRequestException({ statusCode: 400, error, message, fields: [problem] });
}

/**
 * The body of every JSON request: strict UTF-8, JSON, no deeper than
 * MAX_JSON_DEPTH, no __proto__ / constructor.prototype keys (as Fastify's own
 * parser refuses them), and no string or key PostgreSQL cannot store (NUL, an
 * unpaired surrogate) — each refused with a 400 naming where, before any
 * handler runs. Linear in the size of the body.
 */
export function parseJsonBody(raw: Buffer): unknown {
  return parseJsonText(decodeUtf8Body(raw));
}

/** The body as text; 400 when it is not valid UTF-8 (JSON is UTF-8, and a signature is checked over the text). */
export function decodeUtf8Body(raw: Buffer): string {
  try {
    return utf8.decode(raw);
  } catch {
    throw badBody({ field: '(body)', message: 'is not valid UTF-8' });
  }
}

/** JSON text → value, with the checks of parseJsonBody. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') throw badBody({ field: '(body)', message: 'is empty; send a JSON document' }, 'invalid-json');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badBody(
      { field: '(body)', message: `is not valid JSON: ${(error as Error).message.slice(0, 200)}` },
      'invalid-json',
    );
  }
  const problem = findBodyProblem(value);
  if (problem) throw badBody(problem);
  return value;
}

/** Walks the parsed value without recursion (a deep document must not overflow the stack). */
function findBodyProblem(root: unknown): BodyProblem | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    const field = path || '(body)';
    if (typeof value === 'string') {
      const problem = unstorableTextProblem(value);
      if (problem) return { field, message: problem };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return { field, message: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = unstorableTextProblem(key);
      const at = path ? `${path}.${key.slice(0, 100)}` : key.slice(0, 100);
      if (keyProblem) return { field: at, message: `its name ${keyProblem}` };
      if (
        key === '__proto__' ||
        (key === 'constructor' && typeof item === 'object' && item !== null && 'prototype' in item)
      ) {
        return { field: at, message: 'is a forbidden prototype property' };
      }
      pending.push({ value: item, path: at, depth: depth + 1 });
    }
  }
  return undefined;
}

/** What the parser hands on for a body it refused: the preValidation hook answers 400 with it. */
class RefusedBody {
  constructor(readonly answer: BadRequestException) {}
}

/**
 * Installs parseJsonBody for application/json (Nest's raw-body option keeps
 * request.rawBody for signatures). A refused body is answered 400 in our shape
 * by a preValidation hook: an error raised inside a Fastify content-type parser
 * would bypass Nest's exception filters and lose the `fields` of the answer.
 */
export function useJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  app.useBodyParser(
    'application/json',
    { bodyLimit },
    (request: FastifyRequest, body: Buffer, done: (error: Error | null, parsed?: unknown) => void) => {
      if ((request.routeOptions?.config as { jsonBody?: string } | undefined)?.jsonBody === RAW_JSON_BODY.jsonBody) {
        done(null, body);
        return;
      }
      try {
        done(null, parseJsonBody(body));
      } catch (error) {
        if (error instanceof BadRequestException) done(null, new RefusedBody(error));
        else done(error as Error);
      }
    },
  );
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (request, reply, done) => {
      if (!(request.body instanceof RefusedBody)) return done();
      void reply.code(400).send(request.body.answer.getResponse());
    });
}
