// Debian's Chromium driven by playwright-core (never a browser download): headless, no sandbox (the
// tests run as root in CI), no background traffic, a fresh profile per session so cookies never carry
// over between roles. Screenshots go to packages/web/test-artifacts/ (git-ignored) for a person.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url).pathname;

export interface BrowserSession {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Save a screenshot of the page as test-artifacts/<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'bondline-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
      viewport: { width: 1280, height: 800 },
    });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw new Error(`Chromium at ${CHROMIUM} did not start (apt-get install chromium): ${String(e)}`);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  // Nothing may leave the machine: a request to another origin fails the test where it happens.
  const foreign: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.hostname !== '127.0.0.1' && u.protocol !== 'data:') foreign.push(r.url());
  });
  return {
    page,
    context,
    async screenshot(name) {
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      if (foreign.length > 0) throw new Error(`requests left the machine: ${foreign.join(', ')}`);
    },
  };
}
