import { mount } from 'svelte';
import App from './components/App.svelte';
import UpdateNotice from './components/UpdateNotice.svelte';
import { registerServiceWorker } from './app/offline.svelte';
import { getEngine, whenEngineStarted } from './app/engine';
import './styles/app.css';

mount(App, { target: document.getElementById('app')! });
mount(UpdateNotice, { target: document.getElementById('update-notice')! });

// Nearly everything an analyst does needs the database engine, so it starts now, while they
// read the page, not when they first load a file (about a second from the offline cache, more
// on a first visit). A failure here is reported by the first action that needs it.
void getEngine().catch(() => undefined);

// Offline use (built app only: the dev server has no sw.js and must not cache its modules).
// On a first visit the service worker caches the whole build, the 34 MB engine included. It is
// registered once the engine has started (its files are then in the HTTP cache and are only
// revalidated, not downloaded a second time) or after 15 s without it, so caching never
// competes with opening the app or starting the engine.
if (import.meta.env.PROD) {
  const register = () =>
    void registerServiceWorker().catch((e) => console.warn('Offline use is not available:', e));
  const afterLoad = new Promise<void>((resolve) =>
    document.readyState === 'complete'
      ? resolve()
      : window.addEventListener('load', () => resolve(), { once: true }),
  );
  const alreadyControlled = navigator.serviceWorker?.controller != null;
  void afterLoad
    .then(() =>
      alreadyControlled
        ? undefined // a later visit: check for an update at once
        : Promise.race([whenEngineStarted(), new Promise((r) => setTimeout(r, 15_000))]),
    )
    .then(register);
}
