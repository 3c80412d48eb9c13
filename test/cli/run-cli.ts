// Runs an installed client CLI (Claude Code, Codex) as a child process with a throwaway HOME and no network needs.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(__dirname, '..', '..', 'node_modules', '.bin');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bin args` in `cwd` with only PATH and `env`; killed after `timeoutMs`. */
export function runCli(
  bin: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(join(BIN, bin), args, {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Claude Code's environment for a hub at `baseUrl`: a temp HOME, the hub key, nothing that reaches the internet. */
export function claudeEnv(home: string, baseUrl: string, key: string): Record<string, string> {
  return {
    HOME: home,
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: key,
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
}
