import { describe, expect, it, vi } from 'vitest';
import { exitOnDatabaseLoss } from './banner.ts';

describe('exitOnDatabaseLoss', () => {
	it('says why the server stops and exits with status 1, for its supervisor to restart it', () => {
		const exit = vi.fn();
		const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		try {
			exitOnDatabaseLoss('parley', exit)(new Error('the database thread exited (code 1)'));
			expect(exit).toHaveBeenCalledWith(1);
			expect(errors).toHaveBeenCalledWith(
				'parley: the database stopped (the database thread exited (code 1)); exiting so that it can be started again.'
			);
		} finally {
			errors.mockRestore();
		}
	});
});
