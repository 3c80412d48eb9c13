// The repository stands alone: scripts/check-self-contained.mjs flags any tracked file that refers outside it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/price-source';

const script = join(REPO_ROOT, 'scripts', 'check-self-contained.mjs');
let repo = '';
afterEach(() => rmSync(repo, { recursive: true, force: true }));

function repoWith(files: Record<string, string>): string {
  repo = mkdtempSync(join(tmpdir(), 'cchub-alone-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(repo, dirname(name)), { recursive: true });
    writeFileSync(join(repo, name), text);
  }
  execFileSync('git', ['add', '-A'], { cwd: repo });
  return repo;
}

function check(root: string) {
  const r = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
  return { status: r.status, errors: r.stderr };
}

describe('check-self-contained', () => {
  it('passes on this repository', () => {
    expect(check(REPO_ROOT)).toEqual({ status: 0, errors: '' });
  });

  it('passes on paths that climb but stay inside the tree', () => {
    const root = repoWith({
      'renderer/src/pages/a.ts': "import type { X } from '../../../shared/api';\n",
      'shared/api.ts': 'export type X = 1;\n',
      'docs/a.md': 'See [the design](../README.md).\n',
      'test/fake.ts': "const home = '/home/u/Apps/cchub.AppImage';\n",
    });
    expect(check(root).status).toBe(0);
  });

  it.each([
    [
      'a relative import above the root',
      'main/a.ts',
      "import data from '../../shared/data/prices.json';\n",
      '../../shared',
    ],
    ['a markdown link above the root', 'docs/a.md', 'See [the spec](../../shared/SPEC.md).\n', '../../shared/SPEC.md'],
    [
      'a join above a root variable',
      'scripts/b.mjs',
      "const p = path.resolve(repoRoot, '..', 'shared');\n",
      "repoRoot, '..'",
    ],
    [
      'an absolute path into the workspace',
      'test/c.test.ts',
      "const f = '/work/shared/data/x.json';\n",
      '/work/shared',
    ],
  ])('fails on %s, naming the file and the reference', (_what, file, text, ref) => {
    const r = check(repoWith({ [file]: text }));
    expect(r.status).toBe(1);
    expect(r.errors).toContain(`${file}: refers outside the repository: ${ref}`);
  });
});
