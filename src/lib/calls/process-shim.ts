/**
 * simple-peer's dependencies (readable-stream) read Node's `process` when they load; browsers
 * have none. Imported before simple-peer (see peer.ts), never by the page's first code.
 */
import process from 'process';

const g = globalThis as { process?: unknown };
g.process ??= process;
