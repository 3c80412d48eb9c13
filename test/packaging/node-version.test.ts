// The Node version cchub needs: one source (package.json's engines), the same pin everywhere a Node is chosen, and a
// one-line refusal (no stack trace) from `npm start` and `cchub` on an older Node.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem, REQUIRED_NODE } from '../../bin/node-version.js';
import { REPO_ROOT } from '../helpers/spawn-hub';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const major = Number(REQUIRED_NODE.split('.')[0]);

/** An installed Node older than the required one (the machine's system Node while CI runs on the fetched Node 24). */
function olderNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    if (nodeVersionProblem(version)) return candidate;
  }
  return undefined;
}
const oldNode = olderNode();

describe('the required Node version', () => {
  it('is package.json engines.node', () => {
    expect(pkg.engines.node).toBe(`>=${REQUIRED_NODE}`);
    expect(major).toBeGreaterThanOrEqual(24);
  });

  it('refuses older versions in one line naming the required one, and accepts it and anything newer', () => {
    const problem = nodeVersionProblem('20.20.2', '24.11.0');
    expect(problem).toBe(
      'cchub needs Node 24.11.0 or newer (Node 24 LTS); this is Node 20.20.2. ' +
        'Install Node 24, or run it through scripts/use-node-24.sh in the cchub folder.',
    );
    expect(nodeVersionProblem('v22.22.0', '24.11.0')).toMatch(/this is Node 22\.22\.0\./);
    expect(nodeVersionProblem('24.10.9', '24.11.0')).toBeDefined();
    expect(nodeVersionProblem('24.11.0', '24.11.0')).toBeUndefined();
    expect(nodeVersionProblem('24.22.3', '24.11.0')).toBeUndefined();
    expect(nodeVersionProblem('26.0.0', '24.11.0')).toBeUndefined();
    expect(nodeVersionProblem(process.versions.node)).toBeUndefined();
  });

  it('is met by the Node pinned in .node-version (what scripts/use-node-24.sh fetches) and the Dockerfile', () => {
    const pinned = readFileSync(join(REPO_ROOT, '.node-version'), 'utf8').trim();
    expect(nodeVersionProblem(pinned)).toBeUndefined();
    const images = [...readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8').matchAll(/^FROM node:(\d+)-/gm)];
    expect(images.length).toBeGreaterThan(0);
    for (const [, imageMajor] of images) expect(Number(imageMajor)).toBe(Number(pinned.split('.')[0]));
  });

  describe.skipIf(!oldNode)(`on an older Node (${oldNode ?? 'none installed here: skipped'})`, () => {
    for (const [name, args] of [
      ['cchub', ['bin/cchub.js']],
      ['npm start', ['--max-semi-space-size=2', 'scripts/start.mjs']],
    ] as const) {
      it(`${name} prints one line naming Node ${REQUIRED_NODE} and exits 1`, () => {
        const r = spawnSync(oldNode as string, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 });
        expect(r.status).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(r.stderr).toContain(`cchub needs Node ${REQUIRED_NODE} or newer`);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      });
    }
  });
});
