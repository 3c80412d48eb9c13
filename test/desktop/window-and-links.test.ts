import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideLink, isConsoleFrame } from '../../main/desktop/link-policy';
import {
  captureWindowState,
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  placeWindow,
  saveWindowState,
  WINDOW_STATE_FILE,
} from '../../main/desktop/window-state';

const screen = [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }];
const twoScreens = [...screen, { workArea: { x: 1920, y: 0, width: 2560, height: 1440 } }];

describe('window state', () => {
  it('round-trips through userData and falls back to defaults on a missing or bad file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cchub-winstate-'));
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
    const state = { x: 10, y: 20, width: 1100, height: 700, maximized: true };
    saveWindowState(dir, state);
    expect(loadWindowState(dir)).toEqual(state);
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{"width": "wide"');
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(join(dir, WINDOW_STATE_FILE), '{"width": -5, "height": 10}');
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('captures the normal bounds of a maximized window', () => {
    expect(
      captureWindowState({
        getNormalBounds: () => ({ x: 1.4, y: 2.6, width: 900, height: 600 }),
        isMaximized: () => true,
      }),
    ).toEqual({ x: 1, y: 3, width: 900, height: 600, maximized: true });
  });

  it('reuses a position that is still on a display, else lets the OS centre the window', () => {
    expect(placeWindow({ x: 100, y: 80, width: 1200, height: 800, maximized: false }, screen)).toEqual({
      x: 100,
      y: 80,
      width: 1200,
      height: 800,
    });
    // Was on a second monitor that is gone now.
    const onSecond = { x: 2500, y: 100, width: 1200, height: 800, maximized: false };
    expect(placeWindow(onSecond, twoScreens)).toMatchObject({ x: 2500, y: 100 });
    expect(placeWindow(onSecond, screen)).toEqual({ width: 1200, height: 800 });
    // Mostly off the left edge, only a sliver visible.
    expect(placeWindow({ x: -1150, y: 10, width: 1200, height: 800, maximized: false }, screen)).toEqual({
      width: 1200,
      height: 800,
    });
    expect(placeWindow(DEFAULT_WINDOW_STATE, screen)).toEqual({ width: 1280, height: 820 });
  });

  it('clamps the size between the minimum and the largest display', () => {
    expect(placeWindow({ width: 100, height: 100, maximized: false }, screen)).toEqual({ width: 800, height: 560 });
    expect(placeWindow({ width: 5000, height: 3000, maximized: false }, screen)).toEqual({ width: 1920, height: 1080 });
  });
});

describe('link policy', () => {
  const origin = 'http://127.0.0.1:23000';
  it('the console stays, the web goes to the browser, other schemes are blocked', () => {
    expect(decideLink('http://127.0.0.1:23000/providers?x=1', origin)).toBe('stay');
    expect(decideLink('http://localhost:23000/', origin)).toBe('external');
    expect(decideLink('http://127.0.0.1:23001/', origin)).toBe('external');
    expect(decideLink('https://github.com/x/y', origin)).toBe('external');
    expect(decideLink('mailto:team@example.com', origin)).toBe('external');
    expect(decideLink('file:///etc/passwd', origin)).toBe('block');
    expect(decideLink('javascript:alert(1)', origin)).toBe('block');
    expect(decideLink('smb://host/share', origin)).toBe('block');
    expect(decideLink('not a url', origin)).toBe('block');
  });
  it('only the console frame is the console', () => {
    expect(isConsoleFrame('http://127.0.0.1:23000/keys', origin)).toBe(true);
    expect(isConsoleFrame('http://127.0.0.1:23000.evil.example/', origin)).toBe(false);
    expect(isConsoleFrame('about:blank', origin)).toBe(false);
    expect(isConsoleFrame(undefined, origin)).toBe(false);
    expect(isConsoleFrame('::', origin)).toBe(false);
  });
});
