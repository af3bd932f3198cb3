import { GraphQLSchema } from 'graphql';
import { validateOrReject, ValidationError } from 'class-validator';
import { ArgumentValidationError, buildSchema } from 'type-graphql';
const VALIDATION = { skipMissingProperties: true, forbidUnknownValues: false };

/** Argument values already found valid, per arguments class: a dashboard passes the same year to every förbund's fields. */
const valid = new WeakMap<object, Set<string>>();
const VALID_KEPT = 1000;
/** Longer values (hostile strings, long lists) are validated every time rather than kept. */
const VALID_KEY_CHARS = 200;

async function validateOne(value: object): Promise<void> {
  const seen = valid.get(value.constructor) ?? new Set<string>();
  const key = JSON.stringify(value);
  if (seen.has(key)) return;
  await validateOrReject(value, VALIDATION);
  if (key.length > VALID_KEY_CHARS) return;
  if (seen.size >= VALID_KEPT) seen.clear();
  valid.set(value.constructor, seen.add(key));
}

/**
 * class-validator's rules on arguments, as type-graphql's `validate: true` applies them, without its module
 * lookup per argument, and once per distinct value. Failures become BAD_USER_INPUT (format-error.ts).
 */
async function validateArguments(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  try {
    await Promise.all((Array.isArray(value) ? value : [value]).filter((v) => v !== null && typeof v === 'object').map(validateOne));
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
}

/** The GraphQL schema, built from the modules' resolver classes. */
export function createSchema(resolvers: Function[]): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: resolvers as [Function, ...Function[]], validateFn: validateArguments });
}
