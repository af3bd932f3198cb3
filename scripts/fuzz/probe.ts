import { Client, Outcome } from './client';
import { gql } from './types';

export const PROBE_QUERY = '{ forbund(slug: "uppsala") { name } }';

export interface ProbeStats {
  latenciesMs: number[];
  outcomes: Record<string, number>;
}

/** A cheap query about every `intervalMs` (one at a time) for as long as the run lasts: what a real user would have waited. */
export function startProbe(client: Client, intervalMs: number, dead: () => boolean): { stop(): Promise<ProbeStats> } {
  const stats: ProbeStats = { latenciesMs: [], outcomes: {} };
  let running = true;
  const count = (o: Outcome) => (stats.outcomes[String(o)] = (stats.outcomes[String(o)] ?? 0) + 1);
  const loop = (async () => {
    while (running && !dead()) {
      const started = Date.now();
      const answer = await client.send(gql(PROBE_QUERY));
      count(answer.outcome);
      // A refused connection says the server is gone, not how long a user waited.
      if (answer.outcome !== 'conn-error') stats.latenciesMs.push(answer.ms);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - started))));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return stats;
    },
  };
}
