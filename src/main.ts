import 'reflect-metadata';
import { startApp } from './app/app';
import { readConfig } from './app/config';

/** Start-up messages are for a person at a terminal; request logs are JSON lines (pino). */
const say = (message: string) => console.log(message);

async function main(): Promise<void> {
  const config = readConfig();
  const app = await startApp(config, say);
  const where = app.db.backend === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : `PostgreSQL (DATABASE_URL${config.databaseReadUrl ? ', reads from DATABASE_READ_URL' : ''})`;
  const seeds = app.seeds === null ? 'seed loading off' : app.seeds.changed ? `seed data loaded: ${app.seeds.documents} documents, ${app.seeds.rows} figures` : 'seed data already up to date';
  say(`Finsam Compare on ${where}; ${seeds}; ${config.redisUrl ? 'response cache and cost budgets in Redis' : 'response cache and cost budgets in memory'}.`);
  say(`GraphQL API and GraphiQL at ${app.api.url}${config.host === '127.0.0.1' ? ' (this machine only: set HOST=0.0.0.0 to serve the network)' : ''}`);
  let stopping = false;
  // SIGTERM: stop taking requests, let those in flight finish, close the database, exit. A repeat is ignored:
  // Ctrl-C under `npm start` reaches the server twice (from the terminal, and forwarded by npm).
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: finishing requests in flight and stopping…`);
    app.stop().then(
      () => {
        say('Finsam Compare stopped: requests finished, database closed.');
        process.exit(0);
      },
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
