/** The SQL cell's editor (CodeMirror 6): completion of loaded tables and columns, Ctrl+Enter, CSP-clean. */
import { describe, expect, it } from 'vitest';
import { addFiles, cell, csv, freshAppPerTest, sqlSource, type AppPage } from './harness';

let app: AppPage;
freshAppPerTest((a) => (app = a));

/** The accessible label of the focused element, inside shadow roots too (the editor is in one). */
function focusedLabel(): Promise<string | null> {
  return app.page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('aria-label') ?? null;
  });
}

describe('the SQL editor', () => {
  it('completes a loaded table name and its columns, and runs with Ctrl+Enter', async () => {
    const { page } = app;
    await addFiles(page, [
      csv('treatment starts.csv', 'area_code,starts\nE06000031,120\nE06000010,95\n'),
    ]);
    await page.getByRole('status').filter({ hasText: 'Loaded treatment starts.csv' }).waitFor();
    await page.getByRole('button', { name: 'Add SQL cell' }).click();
    const editor = cell(page, 'SQL', 0).getByRole('textbox', { name: 'SQL', exact: true });
    // Adding a cell puts the cursor in its editor.
    await expect.poll(() => focusedLabel()).toBe('SQL');

    await editor.pressSequentially('SELECT * FROM treatment_s');
    const options = page.getByRole('listbox').getByRole('option');
    // Picked by clicking: CodeMirror ignores Enter for 75 ms after its list opens (so a fast
    // typist's Enter ends the line), which a busy machine can land inside.
    await options.filter({ hasText: 'treatment_starts' }).first().click();
    await expect(sqlSource(editor)).resolves.toBe('SELECT * FROM treatment_starts');

    await editor.pressSequentially(' ORDER BY sta');
    // Columns of the loaded table are offered (beside keywords such as START): pick it.
    await options
      .filter({ hasText: /^starts/ })
      .first()
      .click();
    await expect(sqlSource(editor)).resolves.toBe('SELECT * FROM treatment_starts ORDER BY starts');

    await page.keyboard.press('Control+Enter');
    await cell(page, 'SQL', 0).getByRole('status').filter({ hasText: 'Done: 2 rows.' }).waitFor();
    // Tab leaves the editor (no keyboard trap).
    await page.keyboard.press('Tab');
    await expect(focusedLabel()).resolves.not.toBe('SQL');
  });
});
