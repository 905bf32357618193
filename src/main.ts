import { mount } from 'svelte';
import App from './components/App.svelte';
import UpdateNotice from './components/UpdateNotice.svelte';
import { registerServiceWorker } from './app/offline.svelte';
import './styles/app.css';

mount(App, { target: document.getElementById('app')! });
mount(UpdateNotice, { target: document.getElementById('update-notice')! });

// Offline use (built app only: the dev server has no sw.js and must not cache its modules).
// Registered after the page has loaded, so caching the app never competes with opening it.
if (import.meta.env.PROD) {
  const register = () =>
    void registerServiceWorker().catch((e) => console.warn('Offline use is not available:', e));
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
