// Modules under main/core stay small: at most 300 lines, or 400 when the first line says why it holds more.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/price-source';

const SOFT_LIMIT = 300;
const HARD_LIMIT = 400;
/** The first line of a module allowed past the soft limit starts with this, then gives the reason. */
const REASON = '// Over 300 lines:';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

describe('module size', () => {
  it(`no module under main/core is over ${SOFT_LIMIT} lines without a reason, nor over ${HARD_LIMIT}`, () => {
    const tooLong: string[] = [];
    for (const file of sourceFiles(join(REPO_ROOT, 'main', 'core'))) {
      const rel = relative(REPO_ROOT, file).split(sep).join('/');
      const lines = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
      const allowed = lines[0]?.startsWith(REASON) ? HARD_LIMIT : SOFT_LIMIT;
      if (lines.length > allowed) tooLong.push(`${rel}: ${lines.length} lines (at most ${allowed})`);
    }
    expect(tooLong).toEqual([]);
  });
});
