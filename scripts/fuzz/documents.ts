/**
 * GraphQL documents generated from the schema: valid queries that grow with the category's progress,
 * documents at and past each production limit, invalid documents, and hostile strings in every string argument.
 */
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredArgument,
  isRequiredInputField,
} from 'graphql';
import { forgedCursor, hostileString, MEASURES, preview, SLUGS, stringLiteral } from './hostile';
import { Random } from './random';
import { Case, GenContext, gql } from './types';

type AnyField = GraphQLField<unknown, unknown>;

/** Knobs of one generated selection: how deep, how wide, how many fields in all, how often to alias or add a directive. */
interface Shape {
  rng: Random;
  depth: number;
  width: number;
  budget: number;
  aliasRate: number;
  directiveRate: number;
  aliases: number;
}

function randomString(rng: Random, name: string): string {
  if (/slug|forbund/i.test(name)) return rng.pick(SLUGS);
  if (/measure/i.test(name)) return rng.pick(MEASURES);
  if (/after|cursor/i.test(name)) return rng.chance(0.5) ? forgedCursor(rng) : '';
  return rng.pick(['x', 'Årsredovisning 2017', 'uppsala-ar-2017', '2017']);
}

/** A literal for an input type; names steer the values toward ones the API knows (slugs, measure codes, years). */
export function literal(rng: Random, type: GraphQLInputType, name: string, depth = 0): string {
  if (isNonNullType(type)) return literal(rng, type.ofType, name, depth);
  if (isListType(type)) return `[${Array.from({ length: rng.int(0, 3) }, () => literal(rng, type.ofType, name, depth + 1)).join(', ')}]`;
  if (isEnumType(type)) return rng.pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isRequiredInputField(f) || (depth < 2 && rng.chance(0.3)));
    return `{ ${fields.map((f) => `${f.name}: ${literal(rng, f.type, f.name, depth + 1)}`).join(', ')} }`;
  }
  switch (type.name) {
    case 'Int':
      return String(/year/i.test(name) ? rng.int(2010, 2020) : /first|last|limit/i.test(name) ? rng.int(1, 50) : rng.int(-5, 3000));
    case 'Float':
      return String(rng.next());
    case 'Boolean':
      return String(rng.chance(0.5));
    case 'DateTime':
      return stringLiteral(new Date(Date.UTC(rng.int(2004, 2030), rng.int(0, 11), rng.int(1, 28))).toISOString());
    case 'JSONObject':
      return '{}';
    default:
      return stringLiteral(randomString(rng, name));
  }
}

function argumentList(rng: Random, args: readonly GraphQLArgument[], chanceOptional = 0.3): string {
  const chosen = args.filter((a) => isRequiredArgument(a) || rng.chance(chanceOptional));
  return chosen.length ? `(${chosen.map((a) => `${a.name}: ${literal(rng, a.type, a.name)}`).join(', ')})` : '';
}

const objectType = (field: AnyField) => {
  const t = getNamedType(field.type);
  return isObjectType(t) ? t : null;
};

function selectionSet(s: Shape, type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields());
  const parts: string[] = [];
  const used = new Set<string>();
  const want = s.rng.int(1, s.width);
  for (let i = 0; i < want && s.budget > 0; i++) {
    const candidates = depth > 0 && s.rng.chance(0.6) ? fields.filter((f) => objectType(f)) : fields.filter((f) => isLeafType(getNamedType(f.type)));
    if (!candidates.length) continue;
    const field = s.rng.pick(candidates);
    s.budget--;
    // A repeated field needs an alias, or different arguments would make the document invalid.
    const alias = used.has(field.name) || s.rng.chance(s.aliasRate) ? `a${s.aliases++}: ` : '';
    used.add(field.name);
    const directive = s.rng.chance(s.directiveRate) ? s.rng.pick([' @include(if: true)', ' @skip(if: false)', ' @skip(if: true)']) : '';
    const inner = objectType(field);
    const sub = inner ? ` ${selectionSet(s, inner, depth - 1)}` : '';
    parts.push(`${alias}${field.name}${argumentList(s.rng, field.args)}${directive}${sub}`);
  }
  return `{ ${parts.length ? parts.join(' ') : '__typename'} }`;
}

/** A valid query; depth, width, size and aliases grow with progress (about the limits at the end). */
export function validQuery(ctx: GenContext): Case {
  const { rng, progress, schema } = ctx;
  const shape: Shape = {
    rng,
    depth: rng.int(1, 2 + Math.round(progress * 8)),
    width: rng.int(1, 2 + Math.round(progress * 6)),
    budget: 10 + Math.round(progress * 300),
    aliasRate: progress * 0.3,
    directiveRate: progress * 0.2,
    aliases: 0,
  };
  const body = selectionSet(shape, schema.getQueryType()!, shape.depth);
  const query = rng.chance(0.2) ? `query Q { ...F }\nfragment F on Query ${body}` : body;
  return { label: `valid depth≤${shape.depth} width≤${shape.width}`, request: gql(query) };
}

/** Descends `depth` levels through object fields (Forbund → observations → forbund … is a cycle), ending on a leaf. */
function deepPath(rng: Random, type: GraphQLObjectType, depth: number): string {
  const objects = Object.values(type.getFields()).filter((f) => objectType(f));
  if (depth <= 0 || !objects.length) return '__typename';
  const field = rng.pick(objects);
  return `${field.name}${argumentList(rng, field.args, 0)} { ${deepPath(rng, objectType(field)!, depth - 1)} }`;
}

/** `width` aliased list fields at each of `depth` levels: width^depth resolver calls. */
function fanout(rng: Random, type: GraphQLObjectType, depth: number, width: number): string {
  const lists = Object.values(type.getFields()).filter((f) => objectType(f) && isListType(isNonNullType(f.type) ? f.type.ofType : f.type));
  if (depth <= 0 || !lists.length) return '__typename';
  return Array.from({ length: width }, (_, i) => {
    const field = rng.pick(lists);
    return `f${depth}_${i}: ${field.name}${argumentList(rng, field.args, 0)} { ${fanout(rng, objectType(field)!, depth - 1, width)} }`;
  }).join(' ');
}

const LIMITS = ['depth', 'aliases', 'cost', 'tokens', 'directives', 'fragments', 'size', 'literal-nesting'] as const;

/** A document at or past one production limit; the size grows with progress to well past any sane limit. */
export function pastLimitQuery(ctx: GenContext): Case {
  const { rng, schema } = ctx;
  const p = 0.1 + ctx.progress * 0.9;
  const root = schema.getQueryType()!;
  const limit = rng.pick(LIMITS);
  const n = (max: number) => Math.max(1, Math.round(rng.int(1, max) * p));
  let query: string;
  let size: number;
  switch (limit) {
    case 'depth':
      size = n(80);
      query = `{ ${deepPath(rng, root, size)} }`;
      break;
    case 'aliases':
      size = n(3000);
      query = `{ ${Array.from({ length: size }, (_, i) => `a${i}: forbund(slug: "uppsala") { name }`).join(' ')} }`;
      break;
    case 'cost':
      size = n(6);
      query = `{ ${fanout(rng, root, rng.int(2, 5), size)} }`;
      break;
    case 'tokens':
      size = n(60000);
      query = `{ ${'__typename '.repeat(size)}}`;
      break;
    case 'directives':
      size = n(2000);
      query = `{ __typename ${'@include(if: true) '.repeat(size)}}`;
      break;
    case 'fragments':
      size = n(2000);
      query = `{ ...F0 }\n${Array.from({ length: size }, (_, i) => `fragment F${i} on Query { __typename ${i + 1 < size ? `...F${i + 1}` : ''} }`).join('\n')}`;
      break;
    case 'size':
      size = n(2_000_000);
      query = `# ${'x'.repeat(size)}\n{ __typename }`;
      break;
    case 'literal-nesting':
      // A deeply nested object literal: the parser recurses once per level.
      size = n(20000);
      query = `mutation { importReport(report: ${'{a: '.repeat(size)}1${'}'.repeat(size)}) { dryRun } }`;
      break;
  }
  return { label: `past limit: ${limit} ${size}`, request: gql(query) };
}

/** Syntax errors, unknown fields and arguments, wrong argument types, missing arguments. */
export function invalidQuery(ctx: GenContext): Case {
  const { rng } = ctx;
  const valid = validQuery(ctx);
  const text = (JSON.parse(valid.request.body as string) as { query: string }).query;
  const at = rng.int(0, text.length);
  const kinds: Array<[string, () => string]> = [
    ['truncated', () => text.slice(0, at)],
    ['character deleted', () => text.slice(0, at) + text.slice(at + 1)],
    ['junk inserted', () => text.slice(0, at) + rng.pick(['{', '}', '(', ')', ':', '"', '$', '@', '...', '!', '\u0000', '\\', '#', '\ud800', '"""']) + text.slice(at)],
    ['unknown field', () => `{ forbund(slug: "uppsala") { name nope${rng.int(0, 99)} } }`],
    ['unknown argument', () => `{ forbunds(nope: 1) { name } }`],
    ['string for Int', () => `{ forbund(slug: "uppsala") { outcome(year: "2017") { participants } } }`],
    ['Int for String', () => `{ forbund(slug: 17) { name } }`],
    ['object for list', () => `{ observations(filter: { years: { a: 1 } }) { totalCount } }`],
    ['Int overflow', () => `{ forbund(slug: "uppsala") { outcome(year: 99999999999999999999) { participants } } }`],
    ['float for Int', () => `{ nationalComparison(measure: "to_work_or_studies", year: 2017.5) { entries { rank } } }`],
    ['bad enum', () => `{ nationalComparison(measure: "to_work_or_studies", year: 2017, peerGroup: NOPE) { entries { rank } } }`],
    ['missing argument', () => `{ forbund { name } }`],
    ['missing selection', () => `{ forbunds }`],
    ['selection on leaf', () => `{ forbund(slug: "uppsala") { name { x } } }`],
    ['undefined variable', () => `query { forbund(slug: $nope) { name } }`],
    ['undefined fragment', () => `{ ...Nope }`],
    ['two anonymous operations', () => `{ __typename } { __typename }`],
    ['subscription', () => `subscription { forbunds { name } }`],
    ['random bytes', () => Array.from({ length: rng.int(1, 200) }, () => String.fromCharCode(rng.int(0, 0xffff))).join('')],
    ['empty', () => ''],
  ];
  const [kind, make] = rng.pick(kinds);
  return { label: `invalid: ${kind}`, request: gql(make()) };
}

/** Where a string reaches the server: a field's argument, or a field of its input object. */
interface StringSite {
  parent: AnyField | null;
  field: AnyField;
  arg: GraphQLArgument;
  inputField: GraphQLInputField | null;
}

const isStringy = (t: GraphQLInputType) => ['String', 'ID', 'DateTime'].includes(getNamedType(t).name);

const sitesCache = new WeakMap<GraphQLSchema, StringSite[]>();

/** Every string argument of the root fields and of the fields one level below them. */
function stringSites(schema: GraphQLSchema): StringSite[] {
  const cached = sitesCache.get(schema);
  if (cached) return cached;
  const sites: StringSite[] = [];
  const visit = (parent: AnyField | null, field: AnyField) => {
    for (const arg of field.args) {
      if (isStringy(arg.type)) sites.push({ parent, field, arg, inputField: null });
      const named = getNamedType(arg.type);
      if (isInputObjectType(named)) for (const f of Object.values(named.getFields())) if (isStringy(f.type)) sites.push({ parent, field, arg, inputField: f });
    }
  };
  for (const root of [schema.getQueryType()!, schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      visit(null, field);
      const inner = objectType(field);
      if (root === schema.getQueryType() && inner) for (const child of Object.values(inner.getFields())) visit(field, child);
    }
  }
  sitesCache.set(schema, sites);
  return sites;
}

/** A hostile string in one string argument, as a literal or (more often) in a variable; writes go with a real key. */
export function hostileStringQuery(ctx: GenContext): Case {
  const { rng, schema } = ctx;
  const site = rng.pick(stringSites(schema));
  const value = hostileString(rng, ctx.progress);
  const asVariable = rng.chance(0.6);
  const target = site.inputField ?? site.arg;
  const hostile = asVariable ? '$v' : stringLiteral(value);
  const list = isListType(isNonNullType(target.type) ? target.type.ofType : target.type);
  const slot = list ? `[${hostile}]` : hostile;
  const args = site.field.args.filter((a) => a === site.arg || isRequiredArgument(a));
  const argText = args
    .map((a) => {
      if (a !== site.arg) return `${a.name}: ${literal(rng, a.type, a.name)}`;
      if (!site.inputField) return `${a.name}: ${slot}`;
      const named = getNamedType(a.type);
      const others = isInputObjectType(named) ? Object.values(named.getFields()).filter((f) => f !== site.inputField && isRequiredInputField(f)) : [];
      // An unknown measure beside the hostile value: a write that must be refused even if the hostile value slipped through.
      const value = (f: GraphQLInputField) => (f.name === 'measure' ? stringLiteral('fuzz_no_such_measure') : literal(rng, f.type, f.name));
      return `${a.name}: { ${[`${site.inputField.name}: ${slot}`, ...others.map((f) => `${f.name}: ${value(f)}`)].join(', ')} }`;
    })
    .join(', ');
  const inner = objectType(site.field);
  const call = `${site.field.name}(${argText})${inner ? ' { __typename }' : ''}`;
  const isMutation = schema.getMutationType()?.getFields()[site.field.name] === site.field && !site.parent;
  const body = site.parent ? `${site.parent.name}${argumentList(rng, site.parent.args, 0)} { ${call} }` : call;
  // Non-null fits every position, nullable or not, in a list or not.
  const query = `${isMutation ? 'mutation' : 'query'}${asVariable ? `($v: ${getNamedType(target.type).name}!)` : ''} { ${body} }`;
  const label = `hostile string ${preview(value)} in ${site.parent ? `${site.parent.name}.` : ''}${site.field.name}(${site.arg.name}${site.inputField ? `.${site.inputField.name}` : ''})${asVariable ? ' via variable' : ''}`;
  // Writes are sent with the editor's key half the time: the hostile value must be refused whoever sends it.
  return { label, request: gql(query, asVariable ? { v: value } : undefined, isMutation && rng.chance(0.5) ? ctx.keys.editor : undefined), mustBeRefused: isMutation };
}
