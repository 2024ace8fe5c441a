/** Starts a stack with the /rest/v1 fixture schema and gives raw-fetch helpers for its REST API. */
import { readFileSync } from 'node:fs';
import { startTestStack, type TestStack, type TestStackOptions } from './stack.ts';

export const REST_FIXTURE = readFileSync(new URL('../fixtures/rest.sql', import.meta.url), 'utf8');

export async function startRestStack(config: TestStackOptions['config'] = {}): Promise<TestStack> {
	return startTestStack({ sql: REST_FIXTURE, config });
}

/** A raw request to /rest/v1 with the anon key unless headers say otherwise. */
export async function rest(
	t: TestStack,
	path: string,
	init: RequestInit & { headers?: Record<string, string> } = {}
) {
	const res = await fetch(`${t.url}/rest/v1${path}`, {
		...init,
		headers: { apikey: t.anonKey, ...init.headers }
	});
	const text = await res.text();
	let json: unknown;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}
