/**
 * The fuzzer's load classes, on a server of their own with the default limits (the main run turns budgets
 * off to exercise every request): a national-scale database (the seed documents and 80 synthetic förbund ×
 * 15 years), short receive timeouts so dripping clients are cut within seconds, then a heavy client beside a
 * probe, 500 dripping sockets and racing writes.
 */
import { insertSyntheticOutcomes } from '../perf/dataset';
import { createApiKey } from '../../src/domain/auth/keys';
import { loadSeeds } from '../../src/ingest/seed';
import { startServerProcess } from '../../tests/support/server-process';
import { BackendName, createFuzzDatabase } from './backend';
import { DripResult, drippingClients, heavyBesideProbe, HeavyResult, RaceResult, writeRaces } from './load';

export const LOAD_TIMEOUTS = { receiveMs: 4000, idleMs: 1500 };

export interface LoadResult {
  heavy: HeavyResult;
  drip: DripResult;
  races: RaceResult;
  crash: string | null;
}

/** A national-scale server of its own for `run`, with the default limits unless `env` says otherwise; thrown away after. */
export async function withNationalServer<T>(backend: BackendName, adminUrl: string, env: Record<string, string>, run: (base: string, admin: string) => Promise<T>, template?: string): Promise<T & { crash: string | null }> {
  const db = await createFuzzDatabase(backend, adminUrl, template);
  try {
    const open = await db.open();
    let admin: string;
    try {
      await open.dataSource.runMigrations({ transaction: 'each' });
      await loadSeeds(open.dataSource, 'seeds');
      await insertSyntheticOutcomes(open.dataSource.manager, { forbund: 80, fromYear: 2011, years: 15, revisedShare: 0, seed: 1 });
      admin = (await createApiKey(open.dataSource.manager, { name: 'fuzz races', role: 'ADMIN' })).secret;
    } finally {
      await open.close();
    }
    const server = await startServerProcess({ ...db.env, FINSAM_SEED: 'all', FINSAM_LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env });
    let crash: string | null = null;
    let stopping = false;
    server.exited.then((code) => {
      if (!stopping) crash = `exited (code ${code}, signal ${server.proc.signalCode ?? 'none'})`;
    });
    try {
      return { ...(await run(server.base, admin)), crash };
    } finally {
      stopping = true;
      await server.stop();
    }
  } finally {
    await db.dispose();
  }
}

export function loadPhase(backend: BackendName, adminUrl: string, heavySeconds: number, template?: string): Promise<LoadResult> {
  const env = {
    FINSAM_RECEIVE_TIMEOUT_MS: String(LOAD_TIMEOUTS.receiveMs),
    FINSAM_HEADERS_TIMEOUT_MS: String(LOAD_TIMEOUTS.receiveMs),
    FINSAM_BODY_IDLE_TIMEOUT_MS: String(LOAD_TIMEOUTS.idleMs),
  };
  return withNationalServer(
    backend,
    adminUrl,
    env,
    async (base, admin) => ({
      heavy: await heavyBesideProbe(base, heavySeconds),
      drip: await drippingClients(base, 500, 50, LOAD_TIMEOUTS.receiveMs + 8000),
      races: await writeRaces(base, admin),
    }),
    template,
  );
}
