/**
 * Offline use: registers the service worker the build writes (sw.js; see tools/vite/offline.ts)
 * and tracks whether a newer version of the app is waiting. A new version is only offered: it
 * takes over when the user chooses "Update now" (the page then reloads), or by itself the next
 * time the app is opened after every tab of it was closed. It never replaces the app mid-work.
 */
export const offline = $state({
  /** A newer version is downloaded and waiting for the user's go-ahead. */
  updateReady: false,
  /** The page is served by the service worker (so it also opens without a network). */
  controlled: false,
});

let waiting: ServiceWorker | null = null;
let reloadOnChange = false;

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  offline.controlled = sw.controller !== null;
  sw.addEventListener('controllerchange', () => {
    offline.controlled = true;
    if (reloadOnChange) location.reload();
  });
  const registration = await sw.register('./sw.js', { scope: './' });
  const offer = (worker: ServiceWorker | null) => {
    // A waiting worker while another controls the page is an update; the first install is not.
    if (worker && sw.controller) {
      waiting = worker;
      offline.updateReady = true;
    }
  };
  offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offer(installing);
    });
  });
}

/** The user chose to update: the waiting version takes over and the page reloads into it. */
export function updateNow(): void {
  if (!waiting) return;
  reloadOnChange = true;
  waiting.postMessage({ type: 'jsna-update-now' });
}
