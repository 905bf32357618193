/**
 * Finding one's way round a long notebook: focus lands on the first cell after the demo loads,
 * the outline lists every cell with its status and jumps to it, cells collapse (one or all) and
 * results hide, and the demo's text follows the focal area ({{focal_area_name}}).
 */
import { describe, expect, it } from 'vitest';
import { cell, freshAppPerTest, viewsDone, type AppPage } from './harness';

let app: AppPage;
freshAppPerTest((a) => (app = a));

/** The accessible name of the focused element (inside shadow roots too). */
function focusedText(): Promise<string> {
  return app.page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
  });
}

describe('notebook navigation', () => {
  it('outlines, jumps, collapses, hides results and fills text parameters', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await viewsDone(page);
    await expect.poll(focusedText).toBe('Text cell 1');

    // The outline: every cell, with the view names and their status.
    const outline = page.getByRole('navigation', { name: 'Outline' });
    const entries = outline.getByRole('listitem');
    await expect(entries.count()).resolves.toBe(6);
    await expect(entries.nth(0).innerText()).resolves.toMatch(
      /Text cell 1: Demo: a drug and alcohol needs assessment for Peterborough/,
    );
    await expect(entries.nth(2).innerText()).resolves.toMatch(/View cell 3: .*\(done\)/);

    // Collapse all: no cell shows its body; the outline's jump expands one and focuses it.
    await outline.getByRole('button', { name: 'Collapse all cells' }).click();
    const cells = page.getByRole('list', { name: 'Cells' });
    await expect(cells.getByRole('button', { name: /^Run/ }).count()).resolves.toBe(0);
    await outline.getByRole('button', { name: /^View cell 6:/ }).click();
    await expect.poll(focusedText).toBe('View cell 6');
    await cell(page, 'View', 3).getByRole('button', { name: 'Run View cell 6' }).waitFor();
    await expect(page.getByRole('button', { name: /^Run View cell/ }).count()).resolves.toBe(1);
    await outline.getByRole('button', { name: 'Expand all cells' }).click();
    await expect(page.getByRole('button', { name: /^Run View cell/ }).count()).resolves.toBe(4);

    // Hide the SQL cell's result, and show it again.
    const sql = cell(page, 'SQL', 0);
    await sql.getByRole('table').waitFor();
    await sql.getByRole('button', { name: 'Hide results of SQL cell 2' }).click();
    await sql.getByRole('table').waitFor({ state: 'hidden' });
    await sql.getByRole('button', { name: 'Show results of SQL cell 2' }).click();
    await sql.getByRole('table').waitFor();

    // The demo's text cell follows the focal area.
    await page.getByLabel('Focal area', { exact: true }).fill('E06000010');
    await page.getByLabel('Focal area', { exact: true }).press('Enter');
    await cell(page, 'Text', 0)
      .getByRole('heading', { name: /needs assessment for Kingston upon Hull/ })
      .waitFor();
  });
});
