/** The app's single engine, started lazily on first use. */
import {
  browserEngineReady,
  whenBrowserEngineStarted,
  getBrowserEngine,
  onEngineStartProgress,
  type EngineStartProgress,
} from '../lib/engine/browser';
export const getEngine = getBrowserEngine;
/** True once the engine has started. */
export const engineReady = browserEngineReady;
/** Resolves once the engine has started for the first time (does not start it). */
export const whenEngineStarted = whenBrowserEngineStarted;
/** Follows the engine's start (its download, in bytes); returns a function that stops. */
export { onEngineStartProgress, type EngineStartProgress };
