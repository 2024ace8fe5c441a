/** Gives a test file its private stack without repeating the start/stop hooks in every file. */
import { afterAll, beforeAll } from 'vitest';
import { startTestStack, type TestStack, type TestStackOptions } from './stack.ts';

/** Starts a private stack before this file's tests and stops it after; returns a getter for it. */
export function useTestStack(opts: TestStackOptions = {}): () => TestStack {
	let current: TestStack | undefined;
	beforeAll(async () => {
		current = await startTestStack(opts);
	});
	afterAll(async () => {
		await current?.stop();
	});
	return () => {
		if (!current) throw new Error('the test stack is not started: call it inside a hook or test');
		return current;
	};
}
