/** Both clients the app uses fit the Db port, so the console and the widget share this code. */
import { PostgrestClient } from '@supabase/postgrest-js';
import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import type { Db } from './api.ts';

describe('Db', () => {
	it('is satisfied by supabase-js and by postgrest-js', () => {
		const supabase: Db = createClient('http://127.0.0.1:1', 'key');
		const postgrest: Db = new PostgrestClient('http://127.0.0.1:1/rest/v1');
		expect(typeof supabase.rpc).toBe('function');
		expect(typeof postgrest.rpc).toBe('function');
	});
});
