import { ServerProcess, startServerProcess } from '../../tests/support/server-process';
import { Client } from './client';
import { PROBE_QUERY } from './probe';
import { CategoryStats, isServerError } from './runner';
import { gql } from './types';

export interface RateLimitResult {
  limit: number;
  stats: CategoryStats;
  /** 429 answers that carried Retry-After. */
  withRetryAfter: number;
  crash: string | null;
}

/** A second server with a low limit: more requests than it allows must get 429 with Retry-After, and never a 5xx. */
export async function checkRateLimit(env: Record<string, string>, limit: number, requests: number, timeoutMs: number): Promise<RateLimitResult> {
  const stats: CategoryStats = { requests: 0, outcomes: {}, maxMs: 0, codes: {}, examples: [], accepted: 0 };
  let server: ServerProcess;
  try {
    server = await startServerProcess({ ...env, FINSAM_COST_BUDGET: String(limit) });
  } catch (e) {
    // Reported with the rest of the run rather than losing it.
    return { limit, stats, withRetryAfter: 0, crash: `did not start: ${e instanceof Error ? e.message.slice(0, 500) : e}` };
  }
  const client = new Client(new URL(server.base), 4, timeoutMs);
  let withRetryAfter = 0;
  const state = { crash: null as string | null, stopping: false };
  server.exited.then((code) => {
    if (!state.stopping) state.crash = `exited (code ${code}, signal ${server.proc.signalCode ?? 'none'})`;
  });
  try {
    let left = requests;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (left-- > 0 && !state.crash) {
          const answer = await client.send(gql(PROBE_QUERY));
          const outcome = String(answer.outcome);
          stats.requests++;
          stats.outcomes[outcome] = (stats.outcomes[outcome] ?? 0) + 1;
          stats.maxMs = Math.max(stats.maxMs, answer.ms);
          if (answer.outcome === 429 && answer.headers['retry-after'] !== undefined) withRetryAfter++;
          if (isServerError(outcome) && stats.examples.length < 6) stats.examples.push(`${outcome}: ${answer.head.slice(0, 160)}`);
        }
      }),
    );
  } finally {
    client.close();
    if (!state.crash) {
      state.stopping = true; // our own SIGTERM is not a crash
      await server.stop();
    }
  }
  return { limit, stats, withRetryAfter, crash: state.crash };
}
