import {
  type ArgumentMetadata,
  BadRequestException,
  Body,
  Injectable,
  Param,
  type PipeTransform,
  Query,
} from '@nestjs/common';
import { z } from 'zod';

/** One wrong input: the query parameter, body field (dotted path) or path parameter, and what is wrong with it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The one 400 of the API: every bad input named at once, in `fields` and in the message. */
export interface InvalidRequestBody {
  statusCode: 400;
  error: 'invalid-request';
  message: string;
  fields: FieldProblem[];
}

const UNKNOWN: Record<string, string> = {
  query: 'is not a parameter of this endpoint',
  body: 'is not a field of this request',
  param: 'is not a parameter of this route',
  custom: 'is not expected here',
};

/** A zod error as the fields it concerns, one entry per field (a list with two bad items says both). */
export function fieldProblems(error: z.ZodError, kind: string = 'body', name?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    const prefix = [name, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        problems.push({ field: prefix ? `${prefix}.${key}` : key, message: UNKNOWN[kind] ?? UNKNOWN.custom! });
    } else {
      // A query parameter is named by itself: `type`, not `type.1`.
      const field = kind === 'query' ? String(issue.path[0] ?? '(query)') : prefix || `(${kind})`;
      problems.push({ field, message: issue.message });
    }
  }
  const merged = new Map<string, string[]>();
  for (const p of problems) merged.set(p.field, [...new Set([...(merged.get(p.field) ?? []), p.message])]);
  return [...merged].map(([field, messages]) => ({ field, message: messages.join(', ') }));
}

export function invalidRequest(fields: FieldProblem[]): BadRequestException {
  const body: InvalidRequestBody = {
    statusCode: 400,
    error: 'invalid-request',
    message: fields.map((f) => `${f.field}: ${f.message}`).join('; '),
    fields,
  };
  return new BadRequestException(body);
}

/** Parses or throws the API's 400 naming every bad input. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  kind: 'query' | 'body' | 'param' = 'body',
  name?: string,
): z.output<S> {
  const parsed = schema.safeParse(value ?? (kind === 'param' ? value : {}));
  if (parsed.success) return parsed.data;
  throw invalidRequest(fieldProblems(parsed.error, kind, kind === 'param' ? name : undefined));
}

/**
 * The validation pipe of the API: the zod schema beside the route (or the
 * query it calls) checks the query string, the body or a path parameter, and
 * every failure answers the same 400 shape. Controllers never map zod errors.
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    const kind = metadata.type === 'query' || metadata.type === 'param' ? metadata.type : 'body';
    return parseOr400(this.schema, value, kind, metadata.data);
  }
}

/** `@ZodQuery(schema) params`: the whole query string, parsed. */
export const ZodQuery = (schema: z.ZodType): ParameterDecorator => Query(new ZodValidationPipe(schema));
/** `@ZodBody(schema) body`: the JSON body, parsed (absent body = {}). */
export const ZodBody = (schema: z.ZodType): ParameterDecorator => Body(new ZodValidationPipe(schema));
/** `@ZodParam('id', schema) id`: one path parameter, parsed; a bad one is a 400 naming it. */
export const ZodParam = (name: string, schema: z.ZodType): ParameterDecorator =>
  Param(name, new ZodValidationPipe(schema));

// Path parameters. Ids come from this API; anything else (a NUL, a control
// character, 10 KB of text) is refused before it reaches PostgreSQL.
export const idParam = z
  .string()
  .max(200, 'must be at most 200 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:~-]*$/, "must be an id: letters, digits, '.', '_', ':', '~' or '-'")
  .describe('An id this API gave');
export const slugParam = z
  .string()
  .max(200, 'must be at most 200 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an actor id, a lower-case slug like mustafa-al-kadhimi');
export const uuidParam = z.uuid('must be a UUID');
