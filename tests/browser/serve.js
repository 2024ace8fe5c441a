// Runs scripts/start.js (what `npm start` runs) over a fresh data directory that is removed
// when the server stops, ignoring any developer `.env` so tests always use the local stack.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'parley-browser-'));
process.env.PARLEY_DATA_DIR = dataDir;
process.env.PARLEY_ENV_FILE = '';
process.env.PARLEY_LOCAL_STACK = 'on';
// The push tests' mock push service listens on http://127.0.0.1 (never allowed otherwise).
process.env.PARLEY_PUSH_ALLOW_LOOPBACK_HTTP = 'true';
delete process.env.PUBLIC_SUPABASE_URL;
delete process.env.PUBLIC_SUPABASE_ANON_KEY;
delete process.env.DATABASE_URL;
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));

await import('../../scripts/start.js');
