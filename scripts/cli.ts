/** Runs a command-line tool: its exit code is the one main resolves to; an error prints and exits 1. */
export function runCli(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}

/** The value after `--name` on the command line, or the fallback. */
export function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

/** A number after `--name`: non-negative, or with `positive` greater than zero; anything else is an error naming the option. */
export function numberOption(name: string, fallback: number, positive = false): number {
  const value = Number(option(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0 || (positive && value === 0)) throw new Error(`--${name} must be a ${positive ? 'positive' : 'non-negative'} number`);
  return value;
}
