// CLI entry: `npx tsx test/fake-upstream/main.ts [--port N] [--host H] [--api-key K] [--no-record]`.
import { startFakeUpstream } from './server';
import type { FakeUpstreamOptions } from './types';

function parseArgs(argv: string[]): FakeUpstreamOptions {
  const options: FakeUpstreamOptions = {};
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0..65535');
        options.port = port;
        break;
      }
      case '--host':
        options.host = value();
        break;
      case '--api-key':
        options.apiKey = value();
        break;
      case '--no-record':
        options.recordBodies = false;
        break;
      default:
        throw new Error(`unknown flag ${flag}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const fake = await startFakeUpstream(parseArgs(process.argv.slice(2)));
  process.stdout.write(`fake-upstream listening on ${fake.url}\n`);
  const stop = () => {
    fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-upstream: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
