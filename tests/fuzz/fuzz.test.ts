/**
 * The fuzzer's short run (npm run fuzz is the long one): 500 hostile requests, heavy cases included, against the
 * server as `npm start` runs it. Latencies are printed, not asserted: they depend on the machine's load.
 */
import { evaluate, format } from '../../scripts/fuzz/report';
import { fuzzBackend } from '../../scripts/fuzz/session';
import { backends } from '../support/database';

describe.each(backends)('fuzzing the server on %s', (backend) => {
  it('answers 500 hostile requests without a 5xx, a crash, a write or a leak', async () => {
    const result = await fuzzBackend({
      backend,
      requests: 500,
      seconds: 40,
      seed: 20260101,
      concurrency: 6,
      timeoutMs: 20000,
      skipHeavy: false,
      killRssMb: 1500,
      databaseUrl: process.env.TEST_DATABASE_URL ?? '',
      loadSeconds: 10,
      keysVia: 'in-process',
      template: process.env.FINSAM_TEST_TEMPLATE,
      log: () => undefined,
    });
    const targets = evaluate(result);
    console.log(format(result, targets));
    const value = (name: string) => targets.find((t) => t.name.startsWith(name))!.value;
    // One comparison, so a failing run shows every target it missed at once.
    expect({
      serverErrors: value('0 responses 5xx'),
      timeouts: value('0 client timeouts'),
      crashes: value('0 crashes'),
      tablesChanged: result.tablesChanged,
      hostileWritesAccepted: value('0 hostile writes accepted'),
      rssGrowthWithin50Mb: Math.abs(result.rssMb.after - result.rssMb.before) <= 50,
      ...Object.fromEntries(
        ['heavy client over budget', 'probe p99 < 1 s beside', 'dripping sockets cut', '/healthz answers while', 'racing writes'].map((name) => [name, targets.find((t) => t.name.startsWith(name))!.pass]),
      ),
    }).toEqual({
      serverErrors: '0',
      timeouts: '0',
      crashes: '0',
      tablesChanged: [],
      hostileWritesAccepted: '0',
      rssGrowthWithin50Mb: true,
      'heavy client over budget': true,
      'probe p99 < 1 s beside': true,
      'dripping sockets cut': true,
      '/healthz answers while': true,
      'racing writes': true,
    });
  }, 180000);
});
