// The dashboard end to end in Debian's Chromium against a fab API serving it (accounts mode, two
// makers' tools): sign-in as a fab engineer and as a maker engineer, the Line each may see, a live
// update, the Tool page's figures, and a maker opening another maker's tool by URL. Every wait is
// for a condition on the page (Playwright's locators poll until their deadline), never a sleep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, openBrowser } from './testing/browser.test-util.js';
import {
  dieCodes,
  type LineFixture,
  PAIR_ID,
  PASSWORD,
  startLineFixture,
  T0,
} from './testing/line-fixture.test-util.js';

let line: LineFixture;

beforeAll(async () => {
  line = await startLineFixture();
});

afterAll(async () => {
  await line?.close();
});

async function until(check: () => boolean, what: string, deadlineMs = 20_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

const rowIds = (b: BrowserSession) =>
  b.page.locator('tr[data-tool]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tool')));

describe('the dashboard as a fab engineer', () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it('asks for sign-in, says when the password is wrong, then shows every tool', async () => {
    const { page } = b;
    await page.goto(`${line.url}/`);
    await page.waitForURL((u) => u.pathname === '/signin');
    await page.getByLabel('User').fill('eng');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#signin-error', { hasText: 'wrong' }).waitFor();
    await b.screenshot('signin-error');

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.locator('tr[data-tool="B-1"]').waitFor();
    expect(await rowIds(b)).toEqual(['A-1', 'A-2', 'B-1']);
    expect(await page.locator('#who').textContent()).toBe('eng · fab-engineer · fab');
    const a1 = page.locator('tr[data-tool="A-1"]');
    expect(await a1.locator('[data-field="link"]').textContent()).toBe('communicating');
    expect(await a1.locator('[data-field="e10"]').textContent()).toBe('productive');
    expect(await a1.locator('[data-field="lot"]').textContent()).toBe('LOT-A-1');
  });

  it('follows the stream: a record for a tool shows on its row and reloads its status', async () => {
    const { page } = b;
    await until(() => line.feed.listenerCount >= 1, 'the page to open /api/stream');
    await page.locator('#live-state[data-state="open"]').waitFor();
    await line.board.put({
      toolId: 'A-1',
      link: 'communicating',
      e10: 'unscheduled-down',
      updatedMs: Date.now(),
    });
    line.feed.push([
      {
        type: 'alarm',
        toolId: 'A-1',
        alid: 1002,
        state: 'set',
        category: 4,
        text: 'Chuck vacuum low',
        equipmentTimeMs: T0 + 8_000_000,
        receivedTimeMs: T0 + 8_000_005,
      },
    ]);
    const a1 = page.locator('tr[data-tool="A-1"]');
    await a1.locator('[data-field="e10"]', { hasText: 'unscheduled-down' }).waitFor();
    await a1.locator('[data-field="last"]', { hasText: 'alarm' }).waitFor();
    await b.screenshot('line-fab-engineer');
  });

  it("opens a tool's page from the Line: its status, lots, E10 split, MTBF, MTTR and coverage", async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Bonder A-1' }).click();
    await page.waitForURL((u) => u.pathname === '/tools/A-1');
    await page.getByRole('heading', { level: 1, name: /Bonder A-1/ }).waitFor();
    // Reference: the seeded moves (line-fixture.test-util.ts) give 6600 s productive over one failure
    // from productive, MTBFp = 6600 s (SEMI E10: productive time / failures), and 600 s down, MTTR.
    await page.locator('[data-metric="mtbf"]', { hasText: '1 h 50 min' }).waitFor();
    await page.locator('[data-metric="mttr"]', { hasText: '10 min' }).waitFor();
    expect(await page.locator('[data-e10-split] tbody tr').count()).toBe(6);
    await page.locator('[data-total="points"]', { hasText: '2' }).waitFor();
    await page.locator('[data-section="tool-lots"] td', { hasText: 'LOT-A-1' }).waitFor();
    await b.screenshot('tool-page');
  });

  it("opens a pair from its tool: the die map's counts by cause are the stored map's", async () => {
    const { page } = b;
    await page.getByRole('link', { name: PAIR_ID }).click();
    await page.waitForURL((u) => u.pathname === `/pairs/${PAIR_ID}`);
    await page.locator('[data-legend]').waitFor();
    // Counted here from the seeded map, independently of the page's counting.
    const expected = { good: 0, overlay: 0, void: 0, copper: 0 };
    const names = ['good', 'overlay', 'void', 'copper'] as const;
    for (const code of dieCodes()) {
      const name = names[code];
      if (name !== undefined) expected[name]++;
    }
    for (const name of names) {
      const shown = await page.locator(`[data-cause="${name}"] [data-count]`).textContent();
      expect(Number(shown), name).toBe(expected[name]);
    }
    const onWafer = names.reduce((a, n) => a + expected[n], 0);
    expect(await page.locator('[data-yield]').textContent()).toBe(
      `${((expected.good / onWafer) * 100).toFixed(1)} %`,
    );
    // The die at the wafer's centre is good: drawn in the palette's green (#009e73).
    const centre = await page
      .locator('canvas[role="img"]')
      .evaluate((c: HTMLCanvasElement) => [
        ...(c.getContext('2d')?.getImageData(c.width / 2, c.height / 2, 1, 1).data ?? []),
      ]);
    expect(centre.slice(0, 3)).toEqual([0x00, 0x9e, 0x73]);
    const drawMs = await page.evaluate(() => performance.getEntriesByName('die-map-draw')[0]?.duration ?? -1);
    expect(drawMs).toBeGreaterThanOrEqual(0);
    console.log(
      `die map of ${onWafer} dies drawn in ${drawMs.toFixed(2)} ms (headless Chromium, --disable-gpu)`,
    );
    await b.screenshot('pair-page');
  });

  it('asks for sign-in again when the session ends while a page is open, then comes back', async () => {
    const { page } = b;
    await b.context.clearCookies();
    await page.getByRole('link', { name: 'A-1', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/signin');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/tools/A-1');
    await page.getByLabel('User').fill('eng');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/tools/A-1');
    await page.locator('[data-metric="mttr"]').waitFor();
  });
});

describe('the dashboard as a maker engineer', () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    await b?.close();
  });

  it("signs in by keyboard alone and sees another maker's tool as not found", async () => {
    const { page } = b;
    await page.goto(`${line.url}/tools/B-1`);
    await page.waitForURL((u) => u.pathname === '/signin');
    await page.locator('#signin-user:focus').waitFor();
    await page.keyboard.type('mka');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    // Back to the page asked for, which the API answers 404 for this user.
    await page.waitForURL((u) => u.pathname === '/tools/B-1');
    await page.locator('h1[data-not-found]').waitFor();
    await b.screenshot('maker-other-makers-tool');
  });

  it('sees only its own tools on the Line, then signs out', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Back to the line' }).click();
    await page.locator('tr[data-tool="A-2"]').waitFor();
    expect(await rowIds(b)).toEqual(['A-1', 'A-2']);
    expect(await page.locator('#who').textContent()).toBe('mka · maker-engineer · maker-a');
    await b.screenshot('line-maker-engineer');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/signin');
    await page.goto(`${line.url}/`);
    await page.waitForURL((u) => u.pathname === '/signin');
  });
});
