import { describe, expect, it } from 'vitest';
import { ConfigError, entryMode, loadConfig, parseFlags } from '../../main/core/config';
import { electronEntry, electronUserArgs } from '../../main/desktop/argv';

describe('which mode a binary runs in', () => {
  it('the Electron binary: desktop by default, --server headless, --export-key prints the key', () => {
    expect(electronEntry(['/opt/cchub/cchub'], false)).toEqual({ mode: 'desktop', args: [] });
    expect(electronEntry(['/opt/cchub/cchub', '--server', '--port', '4000'], false)).toEqual({
      mode: 'server',
      args: ['--port', '4000'],
    });
    expect(electronEntry(['/opt/cchub/cchub', '--export-key'], false).mode).toBe('export-key');
    // `electron .`: the app path is not a user argument.
    expect(electronEntry(['/usr/lib/electron', '.', '--server'], true)).toEqual({ mode: 'server', args: [] });
    expect(electronUserArgs(['/usr/lib/electron', '/path/app', '--data-dir=/x'], true)).toEqual(['--data-dir=/x']);
    // What the OS adds to a GUI launch (macOS Finder, Chromium switches) does not stop the desktop app.
    expect(electronEntry(['/Applications/cchub.app/Contents/MacOS/cchub', '-psn_0_12345'], false).mode).toBe('desktop');
  });

  it('the Node entry: headless by default', () => {
    expect(entryMode([], 'server')).toBe('server');
    expect(entryMode(['--server'], 'server')).toBe('server');
    expect(entryMode(['--export-key'], 'server')).toBe('export-key');
    expect(() => entryMode(['--server', '--export-key'], 'desktop')).toThrow(ConfigError);
  });

  it('parseFlags knows --export-key as a mode flag; the server still validates everything else', () => {
    expect(parseFlags(['--export-key'])).toEqual({ overrides: {}, server: false, exportKey: true });
    expect(parseFlags(['--server', '--host', '0.0.0.0'])).toMatchObject({ server: true, exportKey: false });
    expect(() => loadConfig({}, ['--server', '--no-sandbox'])).toThrow(/unknown flag --no-sandbox.*--export-key/);
  });
});
