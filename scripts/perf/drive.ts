/** One timed run: autocannon against one system and one query, with the server's CPU time and memory watched. */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { HttpRequest, Running } from './systems';

export interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  /** The server process's CPU time (user + system) per answered request, in ms. */
  cpuMsPerRequest: number;
  rssPeakMb: number;
  requests: number;
  /** Answers other than 2xx, and connection errors or timeouts: a run with any is not a valid measurement. */
  failures: number;
}

/** CPU time a process has used so far, in ms (from /proc: clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function drive(running: Running, req: HttpRequest, options: { connections: number; seconds: number }): Promise<RunResult> {
  let rssPeakMb = running.rssMb();
  const watch = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, running.rssMb())), 100);
  const cpuBefore = cpuMs(running.pid);
  try {
    const result = await autocannon({
      url: `${running.base}${req.path}`,
      method: req.method,
      headers: req.headers,
      body: req.body,
      connections: options.connections,
      duration: options.seconds,
    });
    const answered = result.requests.total;
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpuMsPerRequest: answered ? (cpuMs(running.pid) - cpuBefore) / answered : NaN,
      rssPeakMb,
      requests: answered,
      failures: result.non2xx + result.errors + result.timeouts,
    };
  } finally {
    clearInterval(watch);
  }
}
