// PostGraphile v5, the benchmark's generated-API peer (scripts/perf/postgraphile.ts starts it with Node 22).
// Production-like: no GraphiQL, no watch, no explain, errors masked (grafserv's default), read-only.
import { makePgService } from 'postgraphile/adaptors/pg';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  // Without this, relations and conditions over columns without an index (observation.gender,
  // allocation.kind, membership.valid_to, …) are left out of the schema.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'] })],
  schema: {
    defaultBehavior: '-insert -update -delete',
    dontSwallowErrors: true,
  },
  grafserv: {
    host: '127.0.0.1',
    port: Number(process.env.PORT),
    graphiql: false,
    graphiqlOnGraphQLGET: false,
    // The widget row sends Q3 as GET /graphql?query=…&variables=…; grafserv refuses GET unless this is set.
    graphqlOverGET: true,
    watch: false,
  },
  grafast: { explain: false },
};

export default preset;
