import Piscina from 'piscina';

/**
 * Threads of a pool unless told otherwise (FINSAM_WORKERS): one, which with the event loop's thread is one core
 * each on a 2-core machine; the tasks of many requests queue for it instead of competing with the event loop
 * and the database for cores.
 */
export const DEFAULT_WORKERS = 1;

/** A module's tasks: functions of plain data (what structured cloning carries) to plain data. */
export type Tasks = Record<string, (input: never) => unknown>;

/** Where a worker thread finds the tasks' module, and the Node options it needs to load it. */
export interface WorkerFile {
  filename: string;
  execArgv?: string[];
}

export interface WorkerPoolOptions<T extends Tasks> {
  /** The tasks themselves: what runs inline, with no threads or no worker file. */
  tasks: T;
  /**
   * The module for the worker threads, when there is one to load: its default export is given `{ task, input }`
   * (the task's name and its input) and runs that task. (A default export, since piscina looks for one first
   * and, not finding it in a CommonJS module, imports it again as ECMAScript, which ts-node cannot.)
   */
  workerFile(): WorkerFile | null;
  /** Worker threads; 0 runs every task inline, on the calling thread. */
  threads: number;
  /** Added to the threads' nice value (Linux): above 0 the event loop's thread is preferred when cores are short. */
  niceIncrement?: number;
}

/** What a pool is doing, for /metrics. */
export interface WorkerPoolStats {
  threads: number;
  /** Waiting in this pool's queue. */
  queued: number;
  /** Given to the threads (running, or next in piscina's queue). */
  running: number;
  /** Run so far in worker threads and inline. */
  done: { worker: number; inline: number };
}

interface Job {
  name: string;
  input: unknown;
  /** Throws when the task is no longer wanted (its request has gone or run out of time). */
  check: () => void;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Tasks run in worker threads (piscina) so that long computations do not hold the event loop: the threads are
 * started on the first task, not before, and stopped by close() (a later task starts them again). Tasks wait
 * in this pool's own first-come queue, at most two a thread in piscina's, and each is checked as it leaves
 * the queue: one whose request has gone is dropped rather than computed (piscina could only abort a task by
 * ending its thread). With no threads, or no worker file to load, tasks run inline.
 */
export class WorkerPool<T extends Tasks> {
  private pool: Piscina | null = null;
  private readonly queue: Job[] = [];
  private running = 0;
  /** Set once no worker file was found: the tasks run inline from then on. */
  private noWorkerFile = false;
  private readonly done = { worker: 0, inline: 0 };

  constructor(private readonly options: WorkerPoolOptions<T>) {}

  stats(): WorkerPoolStats {
    return { threads: this.pool ? this.options.threads : 0, queued: this.queue.length, running: this.running, done: { ...this.done } };
  }

  /** Another number of threads from the next task on; the threads running now are stopped. */
  async setThreads(threads: number): Promise<void> {
    if (!(Number.isSafeInteger(threads) && threads >= 0)) throw new RangeError(`threads must be a whole number ≥ 0 (got ${threads})`);
    if (threads === this.options.threads) return;
    this.options.threads = threads;
    await this.close();
  }

  /** Runs `name` with `input`; `check` is called as the task leaves the queue and may throw to drop it. */
  run<K extends keyof T & string>(name: K, input: Parameters<T[K]>[0], check: () => void = () => {}): Promise<Awaited<ReturnType<T[K]>>> {
    const pool = this.started();
    if (!pool) {
      this.done.inline++;
      try {
        check();
        return Promise.resolve(this.options.tasks[name](input as never) as Awaited<ReturnType<T[K]>>);
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ name, input, check, resolve: resolve as (value: unknown) => void, reject });
      this.next();
    });
  }

  /** Stops the threads once the tasks given to them are done; tasks still queued here are refused. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    for (const job of this.queue.splice(0)) job.reject(new Error('The worker pool was closed.'));
    await pool?.close();
  }

  private started(): Piscina | null {
    if (this.pool || this.options.threads === 0 || this.noWorkerFile) return this.pool;
    const file = this.options.workerFile();
    if (!file) {
      this.noWorkerFile = true;
      console.warn('Worker pool: no compiled worker file (npm run build makes it); its tasks run on the main thread.');
      return null;
    }
    this.pool = new Piscina({
      filename: file.filename,
      execArgv: file.execArgv,
      minThreads: this.options.threads,
      maxThreads: this.options.threads,
      niceIncrement: this.options.niceIncrement ?? 0,
      // Measured on the event loop's side per task: about half the cost without piscina's timing histograms
      // and its Atomics wake-ups (the tasks are few and each takes milliseconds).
      recordTiming: false,
      atomics: 'disabled',
    });
    return this.pool;
  }

  private next(): void {
    const pool = this.pool;
    while (pool && this.running < 2 * this.options.threads && this.queue.length) {
      const job = this.queue.shift()!;
      try {
        job.check();
      } catch (e) {
        job.reject(e);
        continue;
      }
      this.running++;
      this.done.worker++;
      pool.run({ task: job.name, input: job.input }).then(job.resolve, job.reject).finally(() => {
        this.running--;
        this.next();
      });
    }
  }
}
