/**
 * Clients on loopback addresses of their own (127.0.0.2, 127.0.0.3 …): the server sees each as another
 * client, as it would see two people on the internet, so budgets and caps per address can be tested.
 */
import { Agent, request } from 'node:http';
import { connect, Socket } from 'node:net';

export interface Answer {
  status: number;
  ms: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** An HTTP client whose connections come from `localAddress`, keeping them alive as a browser would. */
export function clientFrom(localAddress: string, base: string) {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 64, localAddress });
  const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}, timeoutMs = 60_000): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      const req = request(
        { host: url.hostname, port: url.port, method, path, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } : headers, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  return {
    post: (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => send('POST', '/graphql', JSON.stringify({ query, variables }), headers),
    get: (path: string) => send('GET', path),
    close: () => agent.destroy(),
  };
}

/** A raw socket from `localAddress`, for requests that never finish arriving. */
export function socketFrom(localAddress: string, base: string): Promise<Socket> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), localAddress }, () => resolve(socket));
    socket.once('error', reject);
  });
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
