/** The app's single engine, started lazily on first use. */
import { getBrowserEngine } from '../lib/engine/browser';
export const getEngine = getBrowserEngine;
