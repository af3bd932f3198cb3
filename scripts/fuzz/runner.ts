import { Answer, Client, Outcome } from './client';
import { Planned } from './plan';
import { Random } from './random';
import { Case, GenContext } from './types';

export interface CategoryStats {
  requests: number;
  /** HTTP status, or timeout / closed / conn-error / not-sent / fuzzer-error. */
  outcomes: Record<string, number>;
  maxMs: number;
  /** The first GraphQL error code of each answer that had one. */
  codes: Record<string, number>;
  /** A few 5xx, internal errors, timeouts and accepted hostile writes: what to look at first. */
  examples: string[];
  /** Hostile writes answered without errors. */
  accepted: number;
}

const MAX_EXAMPLES = 6;

const bump = (counts: Record<string, number>, key: string, by = 1) => (counts[key] = (counts[key] ?? 0) + by);

export function isServerError(outcome: string): boolean {
  return /^5\d\d$/.test(outcome);
}

function record(stats: CategoryStats, c: Case, answer: Answer): void {
  const outcome = String(answer.outcome);
  stats.requests++;
  bump(stats.outcomes, outcome);
  stats.maxMs = Math.max(stats.maxMs, answer.ms);
  // An error's code, not a `code` field of the data (measure { code }).
  const code = /"extensions"\s*:\s*\{\s*"code"\s*:\s*"([A-Za-z_]+)"/.exec(answer.head)?.[1];
  if (code) bump(stats.codes, code);
  const accepted = c.mustBeRefused && typeof answer.outcome === 'number' && answer.outcome < 300 && !answer.head.includes('"errors"');
  if (accepted) stats.accepted++;
  const internal = code === 'INTERNAL_SERVER_ERROR';
  if ((isServerError(outcome) || internal || outcome === 'timeout' || accepted) && stats.examples.length < MAX_EXAMPLES) {
    stats.examples.push(`${accepted ? 'accepted' : outcome} ${Math.round(answer.ms)} ms: ${c.label} → ${answer.head.slice(0, 160).replace(/\s+/g, ' ')}`);
  }
}

export interface RunInput {
  plan: Planned[];
  seed: number;
  context: Omit<GenContext, 'rng' | 'progress'>;
  client: Client;
  concurrency: number;
  /** Epoch ms after which nothing more is sent. */
  deadline: number;
  dead(): boolean;
}

/** Sends the plan with a few concurrent senders. Once the server is dead the rest counts as connection errors; past the deadline, as not sent. */
export async function runPlan(input: RunInput): Promise<Record<string, CategoryStats>> {
  const stats: Record<string, CategoryStats> = {};
  const statsOf = (category: string) => (stats[category] ??= { requests: 0, outcomes: {}, maxMs: 0, codes: {}, examples: [], accepted: 0 });
  let next = 0;
  const sender = async () => {
    while (next < input.plan.length) {
      const index = next++;
      const item = input.plan[index];
      const s = statsOf(item.category);
      const skip: Outcome | 'not-sent' | null = input.dead() ? 'conn-error' : Date.now() > input.deadline ? 'not-sent' : null;
      if (skip) {
        s.requests++;
        bump(s.outcomes, skip);
        continue;
      }
      let c: Case | undefined;
      try {
        c = item.generate({ ...input.context, rng: Random.forRequest(input.seed, index), progress: item.progress });
        record(s, c, await input.client.send(c.request));
      } catch (e) {
        // A bug in a generator must not end the run; it is counted and shown.
        s.requests++;
        bump(s.outcomes, 'fuzzer-error');
        if (s.examples.length < MAX_EXAMPLES) s.examples.push(`fuzzer-error: ${c?.label ?? 'generating'}: ${e instanceof Error ? e.message : e}`);
      }
    }
  };
  await Promise.all(Array.from({ length: input.concurrency }, sender));
  return stats;
}
