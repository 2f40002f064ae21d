import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * Documents every query parameter of a zod object in OpenAPI, from the same
 * schema that validates it, so /docs cannot drift from what the API accepts.
 */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  const decorators = Object.entries(schema.shape).map(([name, field]) => {
    const type = field as z.ZodType;
    const json = z.toJSONSchema(type, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete json.$schema;
    return ApiQuery({
      name,
      required: !type.safeParse(undefined).success,
      description: type.description ?? (json.description as string | undefined),
      schema: Object.keys(json).length > 0 ? (json as never) : { type: 'string' },
    });
  });
  return applyDecorators(
    ...decorators,
    ApiBadRequestResponse({
      description: 'A query parameter is invalid or unknown; `fields` names each one.',
      schema: {
        type: 'object',
        properties: {
          statusCode: { type: 'number', example: 400 },
          error: { type: 'string', example: 'invalid-request' },
          message: { type: 'string', example: "limit: must be at most 500; type: unknown event type 'Foo'" },
          fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    }),
  );
}
