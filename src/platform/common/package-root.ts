import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder holding package.json, from the sources (ts-node) and from dist/ alike: where the browser's files are read from. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}
