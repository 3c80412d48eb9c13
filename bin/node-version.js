// The Node version cchub needs, checked by its entry points before they load anything an older Node cannot run.
import { readFileSync } from 'node:fs';

/** The lowest Node that runs the hub: package.json's `engines.node` (">=X.Y.Z"). */
export const REQUIRED_NODE = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).engines.node.replace(/^>=\s*/, '');

/** The one line to print when `version` is older than `required`; undefined when it is new enough. */
export function nodeVersionProblem(version, required = REQUIRED_NODE) {
  const have = version.replace(/^v/, '').split('.').map(Number);
  const need = required.split('.').map(Number);
  for (let i = 0; i < need.length; i++) {
    if ((have[i] ?? 0) > need[i]) return undefined;
    if ((have[i] ?? 0) < need[i]) {
      return (
        `cchub needs Node ${required} or newer (Node ${need[0]} LTS); this is Node ${version.replace(/^v/, '')}. ` +
        `Install Node ${need[0]}, or run it through scripts/use-node-24.sh in the cchub folder.`
      );
    }
  }
  return undefined;
}

/** Prints the problem on stderr and exits 1 when this Node is too old. */
export function exitUnlessSupportedNode() {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}
