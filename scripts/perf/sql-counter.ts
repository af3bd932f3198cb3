/**
 * A TCP proxy in front of PostgreSQL that counts the SQL statements a system sends, whatever its driver:
 * every simple Query ('Q') and every extended-protocol Execute ('E') message from a client is one statement.
 * The benchmark points each system at it for a short counting pass (never during the timed rounds).
 */
import { createServer, Server, Socket, connect } from 'node:net';

export interface SqlCounter {
  /** The database URL to give a system: the same database, through the proxy. */
  url: string;
  statements: number;
  /** The statements' text (simple queries and parsed statements), when started with `keepText`. */
  texts: string[];
  reset(): void;
  close(): Promise<void>;
}

/** Splits a client's byte stream into protocol messages; the first message (startup or SSL request) has no type byte. */
function watchClient(socket: Socket, onMessage: (type: string, body: Buffer) => void): void {
  let buffered = Buffer.alloc(0);
  let started = false;
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const header = started ? 5 : 4;
      if (buffered.length < header) return;
      const length = started ? buffered.readInt32BE(1) + 1 : buffered.readInt32BE(0);
      if (buffered.length < length) return;
      if (started) onMessage(String.fromCharCode(buffered[0]), buffered.subarray(5, length));
      // An SSL or GSS request is answered 'N' and followed by the real startup message, also without a type byte.
      else started = buffered.readInt32BE(4) !== 80877103 && buffered.readInt32BE(4) !== 80877104;
      buffered = buffered.subarray(length);
    }
  });
}

export async function startSqlCounter(databaseUrl: string, keepText = false): Promise<SqlCounter> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  const counter = {
    statements: 0,
    texts: [] as string[],
    reset() {
      this.statements = 0;
      this.texts = [];
    },
  };
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    watchClient(client, (type, body) => {
      if (type === 'Q' || type === 'E') counter.statements++;
      if (!keepText) return;
      if (type === 'Q') counter.texts.push(body.toString('utf8', 0, body.length - 1));
      // Parse: statement name, then the query text, both NUL-terminated.
      if (type === 'P') counter.texts.push(body.toString('utf8', body.indexOf(0) + 1, body.indexOf(0, body.indexOf(0) + 1)));
    });
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the SQL counter has no port');
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return Object.assign(counter, {
    url: url.toString(),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
