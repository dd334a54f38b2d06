import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Flags for a headless print browser as root in a container (TOOLCHAIN.md §3). */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--font-render-hinting=none',
];

/**
 * Chromium's headless shell first (Debian's `chromium-headless-shell`, the same Blink at the same
 * version without the desktop browser): it starts in about half the time and printed the
 * 200,000-device report in 0.65 of the time, with the same text and structure tree.
 */
const SHELLS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell'];

const CANDIDATES = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export interface FoundBrowser {
  executablePath: string;
  /** How it was found, for the log: "TRUEUP_CHROME", "/usr/lib/chromium/chromium", "@sparticuz/chromium". */
  source: string;
  args: string[];
}

/**
 * The browser to print with: TRUEUP_CHROME or PUPPETEER_EXECUTABLE_PATH, the system's Chromium
 * headless shell, the system Chromium, google-chrome, then the optional @sparticuz/chromium
 * (unpacked under `<cacheDir>`).
 */
export async function findBrowser(cacheDir: string): Promise<FoundBrowser> {
  for (const name of ['TRUEUP_CHROME', 'PUPPETEER_EXECUTABLE_PATH'] as const) {
    const path = process.env[name];
    if (path) {
      if (!executable(path)) throw new Error(`${name}=${path} is not an executable browser`);
      return { executablePath: path, source: name, args: ARGS };
    }
  }
  // TRUEUP_BROWSER=bundled skips the system browsers (to test the npm-shipped fallback)
  const system =
    process.env.TRUEUP_BROWSER === 'bundled'
      ? []
      : [
          ...SHELLS,
          onPath('chrome-headless-shell'),
          onPath('chromium-headless-shell'),
          ...CANDIDATES,
          onPath('google-chrome'),
          onPath('chromium'),
        ];
  for (const path of system) {
    if (path && executable(path)) return { executablePath: path, source: path, args: ARGS };
  }
  // The bundled fallback unpacks into os.tmpdir(): point that at the repo cache first.
  await mkdir(cacheDir, { recursive: true });
  process.env.TMPDIR = cacheDir;
  try {
    // Optional dependency, absent on machines with a system browser: imported by name at run time.
    const optional = '@sparticuz/chromium';
    const mod = (await import(optional)) as {
      default: { executablePath: () => Promise<string>; args: string[] };
    };
    const path = await mod.default.executablePath();
    return { executablePath: path, source: '@sparticuz/chromium', args: [...mod.default.args, ...ARGS] };
  } catch (e) {
    throw new Error(
      `No browser found for printing: set TRUEUP_CHROME to a Chrome/Chromium binary, install Debian's chromium, or run npm ci with optional dependencies (${(e as Error).message})`,
    );
  }
}

/** The headless shell (and @sparticuz/chromium, which is one) takes no `--headless=new`. */
const isShell = (found: FoundBrowser) =>
  found.source === '@sparticuz/chromium' || /headless[-_]shell$/.test(basename(found.executablePath));

/**
 * Launch headless with a fresh profile; `close()` also removes the profile. `page` is the tab the
 * browser opened at start: reusing it saves a second tab's start-up, which costs about a second.
 */
export async function launchBrowser(
  found: FoundBrowser,
): Promise<{ browser: Browser; page: Page; close: () => Promise<void> }> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'trueup-chrome-'));
  const browser = await puppeteer.launch({
    executablePath: found.executablePath,
    headless: isShell(found) ? 'shell' : true,
    userDataDir,
    args: found.args,
    // printing thousands of pages on a busy machine takes minutes; a hung browser still fails
    timeout: 300_000,
    protocolTimeout: 1_800_000,
  });
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  return {
    browser,
    page,
    close: async () => {
      await browser.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
