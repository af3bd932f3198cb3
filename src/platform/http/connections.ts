import { Server, Socket } from 'node:net';

/**
 * How long a client may take to send a request, how long an idle connection is kept, and how many
 * connections the server holds: a client that drips its bytes, or opens thousands of sockets, is cut off
 * before it uses up what everyone else needs (file descriptors, memory, the event loop's attention).
 */
export interface Connections {
  /** Whole request received, headers and body (Node's requestTimeout): 408 past it. */
  receiveTimeoutMs: number;
  /** Headers received (Node's headersTimeout); at most receiveTimeoutMs. */
  headersTimeoutMs: number;
  /** A body that sends nothing this long is cut with 408, however far from the whole-request limit. */
  bodyIdleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Open connections in all; past it new ones are closed at once. */
  maxConnections: number;
  /** Open connections from one address; 0 = no cap (behind a proxy every connection comes from the proxy). */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_CONNECTIONS: Connections = {
  receiveTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  bodyIdleTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 4_000,
  maxConnectionsPerAddress: 256,
};

export const CONNECTION_VARIABLES: Record<keyof Connections, string> = {
  receiveTimeoutMs: 'FINSAM_RECEIVE_TIMEOUT_MS',
  headersTimeoutMs: 'FINSAM_HEADERS_TIMEOUT_MS',
  bodyIdleTimeoutMs: 'FINSAM_BODY_IDLE_TIMEOUT_MS',
  keepAliveTimeoutMs: 'FINSAM_KEEP_ALIVE_TIMEOUT_MS',
  maxConnections: 'FINSAM_MAX_CONNECTIONS',
  maxConnectionsPerAddress: 'FINSAM_MAX_CONNECTIONS_PER_ADDRESS',
};

/** How often Node checks its request and headers timeouts (its default, 30 s, would let a limit be overrun by that much). */
export const TIMEOUT_CHECK_MS = 1_000;

/** Caps the server's open connections in all and per address; connections over a cap are closed as they arrive. */
export function capConnections(server: Server, connections: Connections): void {
  server.maxConnections = connections.maxConnections;
  if (connections.maxConnectionsPerAddress <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const n = (open.get(address) ?? 0) + 1;
    if (n > connections.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
