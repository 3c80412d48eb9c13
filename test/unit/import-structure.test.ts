// The structure drawn from the imports has no circles: neither between files nor between directories.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/price-source';

/** The source trees whose imports are checked (tests excluded). */
const SOURCE_DIRS = ['main', 'shared', 'renderer/src', 'preload'];

/** Directories whose files each count as their own node: they hold unrelated modules side by side. */
const FLAT_DIRS = ['main/core', 'main', 'shared', 'renderer/src'];

const toPosix = (p: string) => p.split(sep).join('/');

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names: the path itself, with .ts/.tsx, or its index; null for anything else. */
function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * Every file's relative imports, repository-relative: static imports and re-exports (type-only ones too, since a
 * type names the module it comes from), `import()` and `require`. Package imports are not edges.
 */
function importGraph(root: string, dirs: readonly string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of dirs.flatMap((d) => sourceFiles(join(root, d)))) {
    const deps = new Set<string>();
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = resolveImport(file, fileName);
      if (target && /\.tsx?$/.test(target)) deps.add(toPosix(relative(root, target)));
    }
    graph.set(toPosix(relative(root, file)), deps);
  }
  return graph;
}

/** The graph with each file replaced by its directory, except the files of the flat directories. */
function directoryGraph(files: Map<string, Set<string>>): Map<string, Set<string>> {
  const node = (f: string) => {
    const dir = dirname(f);
    return FLAT_DIRS.includes(dir) ? f : dir;
  };
  const graph = new Map<string, Set<string>>();
  for (const [file, deps] of files) {
    const from = node(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const dep of deps) if (node(dep) !== from) edges.add(node(dep));
  }
  return graph;
}

/** The strongly connected components of more than one node (Tarjan), each sorted and joined by " ↔ ". */
function cycles(graph: Map<string, Set<string>>): string[] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const members: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      members.push(w);
    } while (w !== v);
    if (members.length > 1) found.push(members.sort().join(' ↔ '));
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found.sort();
}

let tree = '';
afterEach(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
  tree = '';
});

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('import structure', () => {
  it('finds file cycles through type-only imports, re-exports and index files, and directory cycles', () => {
    tree = mkdtempSync(join(tmpdir(), 'cchub-imports-'));
    write(tree, {
      'main/core/a/one.ts': "import type { T } from '../b';\nexport const one = 1;\n",
      'main/core/b/index.ts': "export type { T } from './t';\n",
      'main/core/b/t.ts': "import { one } from '../a/one.js';\nexport type T = typeof one;\n",
      'main/core/c/x.ts': "import { y } from '../d/y';\nimport z from 'zod';\nexport const x = y;\n",
      'main/core/d/y.ts': 'export const y = 1;\n',
      'main/core/d/w.ts': "export const w = () => import('../c/x');\n",
      'main/core/d/y.test.ts': "import '../a/one';\n",
    });
    const files = importGraph(tree, ['main']);
    expect(cycles(files)).toEqual(['main/core/a/one.ts ↔ main/core/b/index.ts ↔ main/core/b/t.ts']);
    expect(cycles(directoryGraph(files))).toEqual(['main/core/a ↔ main/core/b', 'main/core/c ↔ main/core/d']);
  });

  it('the repository has no file-level import cycle', () => {
    expect(cycles(importGraph(REPO_ROOT, SOURCE_DIRS))).toEqual([]);
  });

  it('the repository has no directory-level import cycle', () => {
    const dirs = directoryGraph(importGraph(REPO_ROOT, SOURCE_DIRS));
    expect(cycles(dirs)).toEqual([]);
  });
});
