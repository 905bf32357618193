import { getEngine } from './app/engine';

// Nearly everything an analyst does needs the database engine, so it starts first, before the
// rest of the app is even parsed: its worker downloads and compiles the engine on other threads
// while the page is built and the analyst reads it (about a second from the offline cache, more
// on a first visit). This entry holds only the engine's client; the app comes in its own chunk.
// A failure here is reported by the first action that needs the engine.
void getEngine().catch(() => undefined);

void import('./app/start').then(({ startApp }) => startApp());
