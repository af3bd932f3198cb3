import { FastifyReply, FastifyRequest, LogController } from 'fastify';
import './request';

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

/** What an answered request was: its GraphQL operation (type and first root field), and the codes of its errors. */
export function requestOutcome(request: FastifyRequest): { operation: string; errorCodes: string[] } {
  const outcome = request.graphql?.outcome;
  return { operation: outcome?.operation ?? request.keptOperation ?? '', errorCodes: request.errorCode ? [request.errorCode] : (outcome?.errorCodes ?? []) };
}

/** Fastify's request log lines, the last of a request saying what it was and what went wrong: an operator greps for a code. */
export class RequestLog extends LogController {
  requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const { operation, errorCodes } = requestOutcome(request);
    const line = { res: reply, responseTime: reply.elapsedTime, ...(operation && { operation }), ...(errorCodes.length && { errorCodes }) };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
