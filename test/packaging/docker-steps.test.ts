// The Dockerfile's steps replayed without a Docker engine: each stage in a temp dir from the files it COPYs, its
// build RUN executed, `npm ci --omit=dev` mirrored by the production tree npm itself lists, then the final stage's
// CMD started with its ENV and its HEALTHCHECK run. Instructions it cannot mirror fail the test, so it cannot drift.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_NODE_FLAGS } from '../../scripts/node-flags.mjs';
import { REPO_ROOT, waitForExit } from '../helpers/spawn-hub';
import { type Copy, parseCopy, parseDockerfile, parseExecForm, type Stage, stageEnv } from './dockerfile';

const WORKDIR = '/app';
const stages = parseDockerfile(join(REPO_ROOT, 'Dockerfile'));
const final = stages.at(-1) as Stage;
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

function instructions(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** .dockerignore as the build context sees it (the forms this repo uses: names, globs with * and **). */
function dockerignore(): (rel: string) => boolean {
  const patterns = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((p) => {
      if (p.startsWith('!')) throw new Error(`.dockerignore exception ${p}: not mirrored`);
      const body = p
        .replace(/^\//, '')
        .split('/')
        .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')))
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      return new RegExp(`^${body}(?:/.*)?$`);
    });
  return (rel) => patterns.some((re) => re.test(rel));
}

/** The production tree `npm ci --omit=dev` lays out, as npm computes it from the lockfile and the installed tree. */
function copyProductionTree(to: string): void {
  const ls = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (ls.status !== 0) throw new Error(`npm ls --omit=dev: the production tree is incomplete\n${ls.stderr}`);
  const paths = ls.stdout.trim().split('\n').slice(1);
  expect(paths.length).toBeGreaterThan(10);
  for (const abs of paths) {
    const rel = relative(REPO_ROOT, abs);
    cpSync(abs, join(to, rel), {
      recursive: true,
      // Nested node_modules are listed (and copied) on their own when they are production packages.
      filter: (src) => !(src !== abs && basename(src) === 'node_modules') && basename(src) !== '.bin',
    });
  }
}

function mirrorRun(stage: Stage, dir: string, args: string, env: Record<string, string>): void {
  if (/^apt-get /.test(args)) return; // the image's OS packages (compilers): nothing to mirror on this machine
  if (/^mkdir -p \/data && chown /.test(args)) return; // the image's own filesystem
  if (/^npm ci\b/.test(args) && /--omit=dev/.test(args)) {
    copyProductionTree(dir);
    return;
  }
  if (/^npm ci\b/.test(args)) {
    // The full install is the repo's own (npm ci of the same lockfile).
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return;
  }
  if (/electron-vite build/.test(args)) {
    const r = spawnSync('sh', ['-c', args], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`stage ${stage.name}: ${args} failed\n${r.stdout}\n${r.stderr}`);
    return;
  }
  throw new Error(`stage ${stage.name}: RUN ${args} is not mirrored by this test: teach it, or change the step`);
}

function mirrorCopy(copy: Copy, dir: string, roots: Map<string, string>, ignored: (rel: string) => boolean): void {
  const destRel = copy.dest.startsWith('/') ? relative(WORKDIR, copy.dest) : copy.dest;
  if (destRel.startsWith('..')) throw new Error(`COPY to ${copy.dest}: outside ${WORKDIR}, not mirrored`);
  for (const source of copy.sources) {
    let from: string;
    if (copy.from) {
      const root = roots.get(copy.from);
      if (!root) throw new Error(`COPY --from=${copy.from}: no such stage before this one`);
      if (!source.startsWith(`${WORKDIR}/`)) throw new Error(`COPY --from ${source}: only paths under ${WORKDIR}`);
      from = join(root, relative(WORKDIR, source));
    } else {
      from = join(REPO_ROOT, source);
    }
    if (!existsSync(from)) throw new Error(`COPY ${source}: not found (${from})`);
    const to = copy.dest.endsWith('/') ? join(dir, destRel, basename(source)) : join(dir, destRel);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to, {
      recursive: true,
      dereference: true,
      filter: (src) => copy.from !== undefined || !ignored(relative(REPO_ROOT, src)),
    });
  }
}

/** Replays every stage; returns the final stage's /app. */
function replay(work: string): string {
  const roots = new Map<string, string>();
  const ignored = dockerignore();
  for (const stage of stages) {
    const dir = join(work, stage.name);
    const parent = roots.get(stage.from);
    if (parent) cpSync(parent, dir, { recursive: true, verbatimSymlinks: true });
    else mkdirSync(dir, { recursive: true });
    const env = stageEnv(stages, stage);
    for (const { keyword, args, line } of stage.instructions) {
      switch (keyword) {
        case 'WORKDIR':
          if (args !== WORKDIR) throw new Error(`Dockerfile:${line}: WORKDIR ${args}; the mirror maps ${WORKDIR}`);
          break;
        case 'COPY':
          mirrorCopy(parseCopy(args), dir, roots, ignored);
          break;
        case 'RUN':
          mirrorRun(stage, dir, args, env);
          break;
        case 'ENV':
        case 'USER':
        case 'VOLUME':
        case 'EXPOSE':
        case 'HEALTHCHECK':
        case 'CMD':
          break;
        default:
          throw new Error(`Dockerfile:${line}: ${keyword} is not mirrored by this test`);
      }
    }
    roots.set(stage.name, dir);
  }
  return roots.get(final.name) as string;
}

/** Every package the server's bundle imports at run time, static or dynamic (relative chunks followed). */
async function runtimeImports(entry: string): Promise<Set<string>> {
  // vitest's own ES module lexer: real import statements only, never text that looks like one inside a string.
  const { init, parse } = await import('es-module-lexer');
  await init;
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const [imports] = parse(readFileSync(file, 'utf8'));
    for (const { n: s } of imports) {
      if (s === undefined) continue;
      if (s.startsWith('.')) visit(join(dirname(file), s));
      else if (!s.startsWith('node:') && !builtinModules.includes(s)) {
        packages.add(s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] as string));
      }
    }
  };
  visit(entry);
  return packages;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the Dockerfile', () => {
  it('final stage: slim Node 24, non-root, /data volume, LAN bind, port 23000, healthcheck on /healthz', () => {
    expect(final.from).toBe('node:24-bookworm-slim');
    const env = stageEnv(stages, final);
    expect(env).toMatchObject({ CCHUB_DATA_DIR: '/data', CCHUB_HOST: '0.0.0.0', CCHUB_PORT: '23000' });
    expect(instructions(final, 'USER')).toEqual(['node']);
    expect(instructions(final, 'VOLUME').map((v) => parseExecForm(v))).toEqual([['/data']]);
    expect(instructions(final, 'EXPOSE')).toEqual([env.CCHUB_PORT]);
    expect(instructions(final, 'CMD').map(parseExecForm)).toEqual([['node', ...HUB_NODE_FLAGS, 'out/main/server.js']]);
    const [health] = instructions(final, 'HEALTHCHECK');
    expect(health).toMatch(/ CMD \["node", "-e", ".*fetch\(.*\/healthz/);
    // Only production dependencies come into the final stage, from a stage that ran `npm ci --omit=dev`.
    const nodeModules = instructions(final, 'COPY')
      .map(parseCopy)
      .find((c) => c.dest === './node_modules');
    const depsStage = stages.find((s) => s.name === nodeModules?.from);
    expect(instructions(depsStage as Stage, 'RUN').some((r) => /^npm ci .*--omit=dev/.test(r))).toBe(true);
  });

  describe('replayed on a clean copy', () => {
    let work: string;
    let app: string;
    let child: ChildProcess | undefined;

    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'cchub-docker-steps-'));
      app = replay(work);
    }, 240_000);
    afterAll(async () => {
      if (child && child.exitCode === null) {
        child.kill('SIGKILL');
        await waitForExit(child);
      }
      rmSync(work, { recursive: true, force: true }); // ~50,000 files: a minute on a loaded 2-core machine
    }, 180_000);

    it('the image holds production dependencies only, and they cover every package the server imports', async () => {
      expect(existsSync(join(app, 'node_modules', 'better-sqlite3'))).toBe(true);
      for (const dev of ['electron', 'electron-builder', 'vitest', 'vite', '@biomejs/biome', 'react']) {
        expect(existsSync(join(app, 'node_modules', dev)), `${dev} is a dev dependency`).toBe(false);
      }
      const imported = await runtimeImports(join(app, 'out', 'main', 'server.js'));
      expect(imported.size).toBeGreaterThan(3);
      for (const name of imported) {
        expect(pkg.dependencies, `out/main/server.js imports ${name}: it must be in "dependencies"`).toHaveProperty([
          name,
        ]);
        expect(existsSync(join(app, 'node_modules', name)), `${name} missing from the production tree`).toBe(true);
      }
      expect(statSync(join(app, 'main', 'core', 'db', 'migrations')).isDirectory()).toBe(true);
      expect(existsSync(join(app, 'resources', 'prices.json'))).toBe(true);
      expect(existsSync(join(app, 'out', 'renderer', 'index.html'))).toBe(true);
    });

    it('CMD starts the hub with the image ENV; the HEALTHCHECK passes; SIGTERM exits 0', async () => {
      const port = await freePort();
      const dataDir = join(work, 'volume-data');
      mkdirSync(dataDir);
      // The image's environment, with the volume and the port mapped onto this machine.
      const env = {
        PATH: process.env.PATH ?? '',
        ...stageEnv(stages, final),
        CCHUB_DATA_DIR: dataDir,
        CCHUB_PORT: `${port}`,
      };
      const [cmd, ...cmdArgs] = parseExecForm(instructions(final, 'CMD')[0] as string);
      const node = (c: string | undefined) => (c === 'node' ? process.execPath : (c as string));
      // The working directory is WORKDIR; CMD paths are relative to it.
      child = spawn(node(cmd), cmdArgs, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start line in 20 s\n${out}\n${err}`)), 20_000);
        child?.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /cchub listening on (http:\/\/\S+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1] as string);
          }
        });
        child?.once('exit', (code) => reject(new Error(`exited ${code} before listening\n${out}\n${err}`)));
      });
      expect(url).toBe(`http://0.0.0.0:${port}`);
      expect(out).toContain('cchub admin token (shown once');
      expect(existsSync(join(dataDir, 'admin-token'))).toBe(true);

      const health = (instructions(final, 'HEALTHCHECK')[0] as string).replace(/^.*?\bCMD\s+/, '');
      const [hcmd, ...hargs] = parseExecForm(health);
      const check = spawnSync(node(hcmd), hargs, { env, encoding: 'utf8', timeout: 10_000 });
      expect(check.status, `HEALTHCHECK failed: ${check.stderr}`).toBe(0);

      const healthz = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(healthz.status).toBe(200);
      // /healthz itself answers, not the console's history fallback.
      expect(healthz.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
      const index = await fetch(`http://127.0.0.1:${port}/`);
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('<div id="root">');

      child.kill('SIGTERM');
      expect(await waitForExit(child)).toBe(0);
    });
  });
});

describe('docker-compose.yaml', () => {
  it('runs the headless hub alone, with a named volume on /data and ADMIN_TOKEN from the environment', async () => {
    const { parse } = await import('yaml');
    const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yaml'), 'utf8')) as {
      services: Record<
        string,
        { build?: string; ports?: string[]; environment?: Record<string, string>; volumes?: string[] }
      >;
      volumes: Record<string, unknown>;
    };
    expect(Object.keys(compose.services)).toEqual(['cchub']);
    const hub = compose.services.cchub;
    expect(hub?.build).toBe('.');
    // Compose's own interpolation syntax, not a JS template.
    expect(hub?.ports).toEqual([`\${CCHUB_PUBLISH:-23000}:23000`]);
    expect(hub?.environment?.ADMIN_TOKEN).toMatch(/^\$\{ADMIN_TOKEN:\?/);
    const [volume] = hub?.volumes ?? [];
    const [name, mount] = (volume ?? '').split(':');
    expect(mount).toBe(stageEnv(stages, final).CCHUB_DATA_DIR);
    expect(Object.keys(compose.volumes)).toEqual([name]);
  });
});
