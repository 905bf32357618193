/**
 * The analyst's choice to stop saving in this browser, made by "Forget all local data". It must
 * outlive a reload (or the next visit would start autosaving again, undoing the forget), so it is
 * the one thing kept: a single flag in localStorage, holding no data, no names and no notebook.
 * Turning saving back on removes it.
 */
const KEY = 'jsna-notebook.saving';
const OFF = 'off';

export function savingTurnedOff(): boolean {
  try {
    return localStorage.getItem(KEY) === OFF;
  } catch {
    return false; // storage disabled by policy: nothing is saved anyway
  }
}

export function rememberSavingOff(off: boolean): void {
  try {
    if (off) localStorage.setItem(KEY, OFF);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage disabled: the choice holds for this tab only.
  }
}
