import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { FuzzRequest } from './types';

/** An HTTP status, or what happened instead: no answer in time, no connection, or the server closed without answering. */
export type Outcome = number | 'timeout' | 'conn-error' | 'closed';

export interface Answer {
  outcome: Outcome;
  ms: number;
  /** The start of the body (enough to read error codes). */
  head: string;
  headers: Record<string, string | string[] | undefined>;
}

const KEEP = 64 * 1024;

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH']);

function failure(e: NodeJS.ErrnoException, gotResponse: boolean): Outcome {
  if (e.code === 'ECONNREFUSED') return 'conn-error';
  // A reset or a broken pipe after connecting: the server hung up on a request it would not read.
  return gotResponse || CONNECTION_ERRORS.has(e.code ?? '') ? 'closed' : 'conn-error';
}

export class Client {
  private readonly agent: Agent;

  constructor(private readonly base: URL, concurrency: number, private readonly timeoutMs: number) {
    // A connection per request: "closed" then means the server hung up on that request, not a keep-alive race.
    this.agent = new Agent({ keepAlive: false, maxSockets: concurrency + 1 });
  }

  send(req: FuzzRequest): Promise<Answer> {
    return req.raw ? this.sendRaw(req.raw) : this.sendHttp(req);
  }

  close(): void {
    this.agent.destroy();
  }

  private sendHttp(req: FuzzRequest): Promise<Answer> {
    const start = performance.now();
    return new Promise((resolve) => {
      let done = false;
      let gotResponse = false;
      const finish = (outcome: Outcome, head = '', headers: Answer['headers'] = {}) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve({ outcome, ms: performance.now() - start, head, headers });
      };
      const r = httpRequest(
        { host: this.base.hostname, port: this.base.port, method: req.method, path: req.path, headers: req.headers, agent: this.agent },
        (res) => {
          gotResponse = true;
          let head = '';
          res.on('data', (chunk: Buffer) => {
            if (head.length < KEEP) head += chunk.toString('utf8', 0, Math.min(chunk.length, KEEP));
          });
          res.on('end', () => finish(res.statusCode ?? 0, head, res.headers));
          res.on('error', () => finish(res.statusCode ?? 'closed', head, res.headers));
        },
      );
      const timer = setTimeout(() => {
        finish('timeout');
        r.destroy();
      }, this.timeoutMs);
      r.on('error', (e: NodeJS.ErrnoException) => finish(failure(e, gotResponse)));
      r.end(req.body);
    });
  }

  /** Writes the bytes, half-closes, and reads the status line of whatever comes back. */
  private sendRaw(bytes: Buffer): Promise<Answer> {
    const start = performance.now();
    return new Promise((resolve) => {
      let data = '';
      let done = false;
      const socket = connect({ host: this.base.hostname, port: Number(this.base.port) });
      const finish = (outcome?: Outcome) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.destroy();
        const status = /^HTTP\/1\.[01] (\d{3})/.exec(data);
        const body = data.indexOf('\r\n\r\n');
        resolve({ outcome: outcome ?? (status ? Number(status[1]) : 'closed'), ms: performance.now() - start, head: body >= 0 ? data.slice(body + 4, body + 4 + KEEP) : '', headers: {} });
      };
      const timer = setTimeout(() => finish('timeout'), this.timeoutMs);
      socket.on('connect', () => socket.end(bytes));
      socket.on('data', (chunk: Buffer) => {
        if (data.length < KEEP) data += chunk.toString('latin1');
      });
      socket.on('close', () => finish());
      socket.on('error', (e: NodeJS.ErrnoException) => finish(data ? undefined : failure(e, false)));
    });
  }
}
