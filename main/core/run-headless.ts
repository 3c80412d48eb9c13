// Runs the hub headless: config from env + flags, the parseable start line, the one-time admin token, signals.
import { type Config, ConfigError, loadConfig } from './config';
import { type Hub, startHub } from './hub';

export async function runHeadless(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(env, argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`cchub: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  // Signal handlers go in before anything is printed: a supervisor may signal as soon as it reads the start line.
  let hub: Hub | undefined;
  let signals = 0;
  const shutdown = (signal: string) => {
    signals++;
    if (signals > 1 || !hub) process.exit(signals > 1 ? 130 : 0);
    process.stdout.write(`cchub: ${signal} received, finishing requests in flight\n`);
    hub.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`cchub: shutdown error: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  try {
    hub = await startHub(config);
  } catch (err) {
    process.stderr.write(`cchub: failed to start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  if (hub.adminTokenGenerated) {
    process.stdout.write(
      `cchub admin token (shown once; also saved with mode 0600 in ${config.dataDir}/admin-token):\n  ${hub.adminToken}\n`,
    );
  } else {
    process.stdout.write(
      `cchub admin token: ${env.ADMIN_TOKEN ? 'from ADMIN_TOKEN' : `in ${config.dataDir}/admin-token`}\n`,
    );
  }
  process.stdout.write(`cchub listening on ${hub.url}\n`);
}
