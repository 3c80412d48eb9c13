// Fails when a tracked file refers to a path outside the repository: a clone with nothing beside it must build and
// pass its tests. Flags relative paths that climb above the root from the file that names them, path joins that climb
// above a root variable (`join(repoRoot, '..')`), and absolute paths into the workspace beside it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TEXT = /\.(?:[cm]?[jt]sx?|json|ya?ml|md|sh|toml|html|css)$|(?:^|\/)(?:Dockerfile|run|[^/.]+)$/;
// A quoted or linked relative path: '../x', "../../x", (../x), `../x`.
const RELATIVE = /["'`(]((?:\.\.\/)+[^"'`)\s]*)/g;
// A path join that goes above a root variable: join(root, '..'), resolve(REPO_ROOT, '..', ...).
const CLIMB = /\b(?:repo_?root|REPO_ROOT|root|projectRoot)\s*,\s*['"]\.\.['"]/gi;
// Absolute paths into the workspace the repository is checked out in (its neighbours live there).
const ABSOLUTE = /(?:^|[\s"'`(=:])(\/work\/[\w.-]+)/g;

/** Each reference in `text` (a file at `file`, relative to the root) that leaves the repository. */
function outsideReferences(file, text) {
  const found = [];
  const dir = path.posix.dirname(file);
  for (const m of text.matchAll(RELATIVE)) {
    const target = path.posix.normalize(path.posix.join(dir, m[1]));
    if (target === '..' || target.startsWith('../')) found.push(m[1]);
  }
  for (const m of text.matchAll(CLIMB)) found.push(m[0]);
  for (const m of text.matchAll(ABSOLUTE)) found.push(m[1]);
  return found;
}

function trackedFiles(root) {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
}

// Usage: node scripts/check-self-contained.mjs [repository root, default this one]
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const skipped = new Set([
    'package-lock.json',
    'scripts/check-self-contained.mjs',
    'test/unit/self-contained.test.ts',
  ]);
  let bad = 0;
  for (const file of trackedFiles(root)) {
    if (skipped.has(file) || file.startsWith('vendor/') || !TEXT.test(file)) continue;
    for (const ref of outsideReferences(file, readFileSync(path.join(root, file), 'utf8'))) {
      console.error(`${file}: refers outside the repository: ${ref}`);
      bad++;
    }
  }
  if (bad > 0) {
    console.error(`check-self-contained: ${bad} reference(s) outside the repository`);
    process.exit(1);
  }
  console.log('check-self-contained: every tracked file stays inside the repository');
}
