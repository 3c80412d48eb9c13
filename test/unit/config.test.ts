import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseFlags } from '../../main/core/config';

describe('config', () => {
  it('defaults', () => {
    const c = loadConfig({}, []);
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(23000);
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.adminToken).toBeUndefined();
    expect(c.maxBodyBytes).toBe(32 * 1024 * 1024);
  });
  it('memory and timeout bounds: set from the environment; a header timeout over the request timeout is refused', () => {
    const c = loadConfig(
      {
        CCHUB_MAX_INFLIGHT_BODY_BYTES: '1000',
        CCHUB_MAX_SESSIONS: '7',
        CCHUB_HEADERS_TIMEOUT_MS: '100',
        CCHUB_REQUEST_TIMEOUT_MS: '200',
        CCHUB_IDLE_TIMEOUT_MS: '300',
      },
      [],
    );
    expect([c.maxInFlightBodyBytes, c.maxSessions, c.headersTimeoutMs, c.requestTimeoutMs, c.idleTimeoutMs]).toEqual([
      1000, 7, 100, 200, 300,
    ]);
    expect(() => loadConfig({ CCHUB_HEADERS_TIMEOUT_MS: '5000', CCHUB_REQUEST_TIMEOUT_MS: '4000' }, [])).toThrow(
      /must not exceed CCHUB_REQUEST_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ CCHUB_IDLE_TIMEOUT_MS: '0' }, [])).toThrow(ConfigError);
  });
  it('flags override the environment; port 0 is allowed', () => {
    const c = loadConfig({ CCHUB_PORT: '4000', CCHUB_HOST: '0.0.0.0' }, [
      '--port',
      '0',
      '--host=::1',
      '--data-dir',
      '/tmp/x',
    ]);
    expect(c.port).toBe(0);
    expect(c.host).toBe('::1');
    expect(c.dataDir).toBe('/tmp/x');
  });
  it('rejects short admin tokens, bad ports, unknown flags and secrets as flags', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' }, [])).toThrow(/ADMIN_TOKEN must be at least 16/);
    expect(() => loadConfig({ CCHUB_PORT: '70000' }, [])).toThrow(ConfigError);
    expect(() => parseFlags(['--bogus'])).toThrow(/unknown flag/);
    expect(() => parseFlags(['--admin-token=abc'])).toThrow(/not accepted as a flag/);
    expect(() => parseFlags(['--port'])).toThrow(/needs a value/);
  });
  it('--server is a mode flag', () => {
    expect(parseFlags(['--server', '--port', '1']).server).toBe(true);
  });
  it('CCHUB_INSECURE_COOKIES forces either way', () => {
    expect(loadConfig({ CCHUB_INSECURE_COOKIES: '1' }).insecureCookies).toBe(true);
    expect(loadConfig({ CCHUB_INSECURE_COOKIES: '0' }).insecureCookies).toBe(false);
    expect(loadConfig({}).insecureCookies).toBeUndefined();
  });
  it('CCHUB_TRUSTED_PROXIES / --trusted-proxies: addresses and CIDR ranges, none by default, bad entries refused', () => {
    expect(loadConfig({}).trustedProxies.isEmpty).toBe(true);
    const env = loadConfig({ CCHUB_TRUSTED_PROXIES: '10.0.0.0/8, ::1' });
    expect(env.trustedProxies.has('10.1.2.3')).toBe(true);
    expect(env.trustedProxies.has('::1')).toBe(true);
    expect(env.trustedProxies.has('11.0.0.1')).toBe(false);
    const flag = loadConfig({ CCHUB_TRUSTED_PROXIES: '10.0.0.0/8' }, ['--trusted-proxies', '172.16.0.0/12']);
    expect(flag.trustedProxies.entries).toEqual(['172.16.0.0/12']);
    expect(() => loadConfig({ CCHUB_TRUSTED_PROXIES: '10.0.0.0/8,nginx' })).toThrow(
      /CCHUB_TRUSTED_PROXIES: "nginx" is not an IP address or CIDR range/,
    );
  });
});
