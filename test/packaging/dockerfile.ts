// Reads the Dockerfile into stages and instructions, so a test can replay its steps without a Docker engine.
import { readFileSync } from 'node:fs';

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined. */
  args: string;
  line: number;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

export function parseDockerfile(path: string): Stage[] {
  const stages: Stage[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  let pending = '';
  let startLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const trimmed = raw.trim();
    if (!pending && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (pending && trimmed.startsWith('#')) continue;
    if (!pending) startLine = i + 1;
    if (trimmed.endsWith('\\')) {
      pending += `${trimmed.slice(0, -1).trim()} `;
      continue;
    }
    const full = `${pending}${trimmed}`.trim();
    pending = '';
    const space = full.search(/\s/);
    const keyword = (space === -1 ? full : full.slice(0, space)).toUpperCase();
    const args = space === -1 ? '' : full.slice(space + 1).trim();
    if (keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!m) throw new Error(`Dockerfile:${startLine}: cannot read FROM ${args}`);
      stages.push({ from: m[1] as string, name: m[2] ?? `stage-${stages.length}`, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`Dockerfile:${startLine}: ${keyword} before FROM`);
    stage.instructions.push({ keyword, args, line: startLine });
  }
  return stages;
}

/** `ENV A=1 B=2` (the key=value form only). */
export function parseEnv(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of args.split(/\s+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`ENV ${args}: only the KEY=value form is supported`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/** The exec (JSON array) form of CMD / HEALTHCHECK CMD. */
export function parseExecForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) {
    throw new Error(`expected the exec form ["cmd", "arg"...], got ${args}`);
  }
  return parsed;
}

export interface Copy {
  from?: string;
  sources: string[];
  dest: string;
}

export function parseCopy(args: string): Copy {
  const words = args.split(/\s+/).filter(Boolean);
  let from: string | undefined;
  while (words[0]?.startsWith('--')) {
    const flag = words.shift() as string;
    if (flag.startsWith('--from=')) from = flag.slice('--from='.length);
    else if (!flag.startsWith('--chown=') && !flag.startsWith('--chmod='))
      throw new Error(`COPY ${flag}: not mirrored`);
  }
  const dest = words.pop();
  if (!dest || words.length === 0) throw new Error(`COPY ${args}: needs sources and a destination`);
  return { ...(from ? { from } : {}), sources: words, dest };
}

/** The final stage's environment: every ENV of it and of the stages it is built FROM. */
export function stageEnv(stages: readonly Stage[], stage: Stage): Record<string, string> {
  const parent = stages.find((s) => s.name === stage.from);
  const env = parent ? stageEnv(stages, parent) : {};
  for (const i of stage.instructions) if (i.keyword === 'ENV') Object.assign(env, parseEnv(i.args));
  return env;
}
