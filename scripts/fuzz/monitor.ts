import { ServerProcess } from '../../tests/support/server-process';

/** Watches the server: RSS every 200 ms, its peak, and whether (and why) it died. Past `killRssMb` it is killed and counted as crashed. */
export class ServerWatch {
  peakMb = 0;
  crash: string | null = null;
  private stopping = false;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly server: ServerProcess, private readonly killRssMb: number) {
    this.timer = setInterval(() => this.sample(), 200);
    server.exited.then((code) => {
      if (!this.stopping) this.crash ??= `exited (code ${code}, signal ${server.proc.signalCode ?? 'none'})`;
    });
  }

  get dead(): boolean {
    return this.crash !== null;
  }

  sample(): number {
    if (this.dead) return NaN;
    try {
      const mb = this.server.rssMb();
      this.peakMb = Math.max(this.peakMb, mb);
      if (mb > this.killRssMb) {
        this.crash = `killed by the fuzzer at ${Math.round(mb)} MB RSS (limit ${this.killRssMb} MB)`;
        void this.server.kill();
      }
      return mb;
    } catch {
      return NaN; // the process is gone; `exited` says how
    }
  }

  /**
   * The JavaScript heap in use, from the server's /metrics: beside RSS it tells a leak (the heap grows) from
   * memory V8 or the allocator keeps after a peak (RSS grows, the heap does not). NaN when it does not answer.
   */
  async heapUsedMb(): Promise<number> {
    try {
      const text = await (await fetch(`${this.server.base}/metrics`)).text();
      const m = /^finsam_nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
      return m ? Number(m[1]) / 1048576 : NaN;
    } catch {
      return NaN;
    }
  }

  /** Stops watching; what follows (our own SIGTERM) is not a crash. */
  stop(): void {
    this.stopping = true;
    clearInterval(this.timer);
  }
}
