import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { quote, unsafeTextReason } from '../../platform/common/text';

/** Largest CSV file the CLI reads (bytes); MAX_CSV_ROWS rows of a real section are far smaller. */
export const MAX_CSV_FILE_BYTES = 100 * 1024 * 1024;

/**
 * Reads a file a report names, only from inside the report's own folder: an absolute path, a ".." step
 * or a symlink that leads out of the folder is refused, as is anything but a regular file (a FIFO or
 * device would never end). A refusal names the file and never quotes what it holds.
 */
export function readInsideFolder(folder: string, name: string): string | null | { refused: string } {
  const refuse = (why: string) => ({ refused: `CSV file ${quote(name)} ${why}; give a file name inside the report's folder` });
  if (unsafeTextReason(name) || name === '') return refuse('is not a usable file name');
  if (isAbsolute(name) || name.split(/[\\/]/).includes('..')) return refuse('is outside the report\'s folder');
  let root: string;
  let target: string;
  try {
    root = realpathSync(folder);
    target = realpathSync(resolve(root, name));
  } catch {
    return null;
  }
  const inside = relative(root, target);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return refuse('leads outside the report\'s folder (a symbolic link)');
  // Opened without blocking (a FIFO would wait for a writer) and checked through the same descriptor.
  const fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return refuse('is not a regular file');
    if (stat.size > MAX_CSV_FILE_BYTES) return refuse(`is larger than ${MAX_CSV_FILE_BYTES} bytes`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
