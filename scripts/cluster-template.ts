/** Run by the build: writes the empty PGlite cluster a first start loads (src/platform/db/cluster-template.ts). */
import { existsSync } from 'node:fs';
import { clusterTemplatePath, writeClusterTemplate } from '../src/platform/db/cluster-template';
import { runCli } from './cli';

runCli(async () => {
  if (existsSync(clusterTemplatePath())) return 0;
  console.log(`pglite: ${await writeClusterTemplate()} written (a first start loads it instead of running initdb)`);
  return 0;
});
