import 'reflect-metadata';
import { startApp } from './app';
import { readConfig } from './config';

async function main(): Promise<void> {
  const config = readConfig();
  const app = await startApp(config);
  const where = app.db.backend === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const seeds = app.seeds === null ? 'seed loading off' : app.seeds.changed ? `seed data loaded: ${app.seeds.documents} documents, ${app.seeds.rows} figures` : 'seed data already up to date';
  console.log(`Finsam Compare on ${where}; ${seeds}.`);
  console.log(`GraphQL API and GraphiQL at ${app.api.url}`);
  const shutdown = () => {
    app.stop().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
