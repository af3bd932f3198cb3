/**
 * An empty PGlite cluster, initialised once by the build and loaded by a first start instead of running initdb:
 * in PGlite's WebAssembly, initdb peaks near 800 MB of memory, and loading the same cluster near 400 MB (measured
 * on this project's machine, 835 MB against 411 MB). The file is named by PGlite's version, so an upgrade without
 * a build never loads a cluster another version made; without the file a first start runs initdb as before.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { packageRoot } from '../common/package-root';

function pgliteVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
}

export function clusterTemplatePath(): string {
  return path.join(packageRoot(), 'dist', `pglite-cluster-${pgliteVersion()}.tar.gz`);
}

/** The template to start a new data folder from: only for a folder on disk that holds no cluster yet. */
export function clusterTemplateFor(dataDir: string | undefined): Blob | undefined {
  if (!dataDir || dataDir.includes('://') || existsSync(path.join(dataDir, 'PG_VERSION'))) return undefined;
  const file = clusterTemplatePath();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Run by the build: initdb once, in memory, and keep the cluster as a gzipped tarball. */
export async function writeClusterTemplate(): Promise<string> {
  const pg = await PGlite.create('memory://');
  const dump = await pg.dumpDataDir('gzip');
  await pg.close();
  const file = clusterTemplatePath();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}
