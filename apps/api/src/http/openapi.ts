import { applyDecorators } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiQuery,
  ApiResponse,
  DocumentBuilder,
  type OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { z } from 'zod';
import { accessFor } from '#auth';

// The OpenAPI document is generated from the zod schemas that validate the
// requests and describe the answers (libs/*/…schema.ts), so /docs cannot drift
// from what the API accepts and returns.

/** A zod schema as an OpenAPI 3.0 schema object; `input` for what a client sends, `output` for answers. */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

export const invalidRequestSchema = z.object({
  statusCode: z.literal(400),
  error: z.literal('invalid-request'),
  message: z.string().meta({ example: "limit: must be at most 500; type: unknown event type 'Foo'" }),
  fields: z.array(
    z.object({
      field: z.string().describe('Query parameter, body field (dotted) or path parameter'),
      message: z.string(),
    }),
  ),
});

export const errorSchema = (status: number) =>
  z.object({ statusCode: z.literal(status), error: z.string().optional(), message: z.string() });

const badRequest = ApiBadRequestResponse({
  description: 'An input is invalid or unknown; `fields` names each one.',
  schema: openApiSchema(invalidRequestSchema) as never,
});

/** Documents every query parameter of a zod object, from the same schema that validates it. */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const decorators = Object.entries(schema.shape).map(([name, field]) => {
    const type = field as z.ZodType;
    const json = openApiSchema(type, 'input');
    return ApiQuery({
      name,
      required: !type.safeParse(undefined).success,
      description: type.description ?? (json.description as string | undefined),
      schema: Object.keys(json).length > 0 ? (json as never) : { type: 'string' },
    });
  });
  return applyDecorators(...decorators, badRequest);
}

/** Documents a JSON body from the schema that validates it, with named examples. */
export function ApiZodBody(
  schema: z.ZodType,
  examples: Record<string, unknown> = {},
  required = true,
): MethodDecorator {
  return applyDecorators(
    ApiBody({
      required,
      schema: openApiSchema(schema, 'input') as never,
      examples: Object.fromEntries(Object.entries(examples).map(([name, value]) => [name, { summary: name, value }])),
    }),
    badRequest,
  );
}

/** Documents an answer (any status) with its schema. */
export function ApiZodResponse(status: number, schema: z.ZodType, description: string): MethodDecorator {
  return ApiResponse({ status, description, schema: openApiSchema(schema) as never });
}

/** Documents an error answer (404, 409, 422, …) with the common error shape. */
export function ApiError(status: number, description: string): MethodDecorator {
  return ApiResponse({ status, description, schema: openApiSchema(errorSchema(status)) as never });
}

export const SECURITY = { session: 'session', csrf: 'csrf', bearer: 'bearer' } as const;

/**
 * The whole document: the routes as generated, the three ways to authenticate
 * (session cookie, CSRF header, bearer token), and on each operation the
 * security the app's guard really asks for — computed by the same access
 * policy (#auth accessFor) from the route and its @AdminOnly / @Public marks.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('newsledger')
      .setDescription(
        'Event-sourced news tracking: articles in, coded political events out, alerts to downstream consumers.\n\n' +
          'Reads default to **asserted** events (what the article says happened); `modality=future,hypothetical,negated` or ' +
          '`modality=all` include the others, always labelled. Admin routes need the `nl_session` cookie from ' +
          '`POST /api/auth/login`, and changes also the `x-csrf-token` header it returned.',
      )
      .setVersion('0.1.0')
      .addCookieAuth(
        'nl_session',
        { type: 'apiKey', in: 'cookie', description: 'The admin session: POST /api/auth/login sets it' },
        SECURITY.session,
      )
      .addApiKey(
        {
          type: 'apiKey',
          in: 'header',
          name: 'x-csrf-token',
          description: 'The csrfToken that POST /api/auth/login (or GET /api/auth/me) returned; every change needs it',
        },
        SECURITY.csrf,
      )
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', description: 'A read-API token (API_TOKENS), where the server asks for one' },
        SECURITY.bearer,
      )
      .build(),
  );
  markAccess(document);
  return document;
}

type Operation = { security?: Record<string, string[]>[]; description?: string; tags?: string[] } & Record<
  string,
  unknown
>;

/** Sets each operation's `security` from the access policy, and says "Admin only" where it is. */
export function markAccess(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    const route = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const access = accessFor(method.toUpperCase(), route, {
        public: operation['x-public'] === true,
        adminOnly: operation['x-admin'] === true,
      });
      if (access === 'session') {
        operation.security = [{ [SECURITY.session]: [] }];
        operation['x-admin'] = true;
      } else if (access === 'session+csrf') {
        operation.security = [{ [SECURITY.session]: [], [SECURITY.csrf]: [] }];
        operation['x-admin'] = true;
      } else if (route.startsWith('/api/') && operation['x-public'] !== true) {
        // Open reads; a deployment with API_TOKENS asks for a bearer token.
        operation.security = [{}, { [SECURITY.bearer]: [] }];
      } else {
        operation.security = [];
      }
      if (operation['x-admin'] === true && !(operation.description ?? '').startsWith('**Admin only')) {
        const needs = access === 'session+csrf' ? 'session cookie and x-csrf-token header' : 'session cookie';
        operation.description = `**Admin only** (${needs}).${operation.description ? `\n\n${operation.description}` : ''}`;
      }
    }
  }
}
