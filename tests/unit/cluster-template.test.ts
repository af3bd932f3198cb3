import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clusterTemplateFor, clusterTemplatePath } from '../../src/platform/db/cluster-template';

describe('the PGlite cluster template', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'finsam-cluster-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is made by the build for the installed PGlite, and a new data folder starts from it', () => {
    expect(existsSync(clusterTemplatePath())).toBe(true);
    expect(clusterTemplatePath()).toMatch(/pglite-cluster-\d+\.\d+\.\d+\.tar\.gz$/);
    expect(clusterTemplateFor(path.join(dir, 'new'))?.size).toBeGreaterThan(1_000_000);
  });

  it('is never loaded over a cluster that exists, nor for an in-memory database', () => {
    writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
    expect(clusterTemplateFor(dir)).toBeUndefined();
    expect(clusterTemplateFor('memory://')).toBeUndefined();
    expect(clusterTemplateFor(undefined)).toBeUndefined();
  });
});
