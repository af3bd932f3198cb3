import { FastifyRequest } from 'fastify';

/** Query parameters whose values are secrets whatever their route: a key pasted into a URL must not reach a log. */
const SECRET_PARAM = /key|token|secret|pass|auth|session|signature/i;

/** The URL as logged: parameters that could carry a secret keep their name, never their value. */
export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  let redacted = false;
  const params = new URLSearchParams(url.slice(at + 1));
  for (const name of new Set(params.keys())) {
    if (!SECRET_PARAM.test(name)) continue;
    params.set(name, '[redacted]');
    redacted = true;
  }
  return redacted ? `${url.slice(0, at)}?${params}` : url;
}

/** How a request appears in the log lines: the Authorization header is never logged, and URLs are stripped of secrets. */
export const logSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: loggedUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
};
