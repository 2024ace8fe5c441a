/**
 * Refresh-token reuse as GoTrue handles it: a rotated token may be replayed only while its
 * reuse interval is open (or as the parent of the active token); outside it, the whole
 * session family is revoked and the replay refused with refresh_token_already_used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './helpers/stack.ts';
import { emailMaker, signUpUser } from './helpers/auth.ts';

const ENV = 'PARLEY_REFRESH_TOKEN_REUSE_INTERVAL_SECONDS';
let strict: TestStack;
let lenient: TestStack;
beforeAll(async () => {
	process.env[ENV] = '0';
	strict = await startTestStack();
	process.env[ENV] = '10';
	lenient = await startTestStack();
	delete process.env[ENV];
});
afterAll(async () => {
	await strict?.stop();
	await lenient?.stop();
});

const freshEmail = emailMaker('rt');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('with a reuse interval of 0 s', () => {
	it('still returns the active child when its parent is replayed', async () => {
		const { session } = await signUpUser(strict, freshEmail());
		const rt0 = session.refresh_token;
		const { data: a } = await strict.client().auth.refreshSession({ refresh_token: rt0 });
		await sleep(1100);
		const { data: b, error } = await strict.client().auth.refreshSession({ refresh_token: rt0 });
		expect(error).toBeNull();
		expect(b.session!.refresh_token).toBe(a.session!.refresh_token);
	});

	it('refuses an older ancestor and revokes the whole session family', async () => {
		const c = strict.client();
		const { data } = await c.auth.signUp({ email: freshEmail(), password: 'secret-pw' });
		const rt0 = data.session!.refresh_token;
		const rt1 = (await strict.client().auth.refreshSession({ refresh_token: rt0 })).data.session!
			.refresh_token;
		const rt2 = (await strict.client().auth.refreshSession({ refresh_token: rt1 })).data.session!
			.refresh_token;
		await sleep(1100);
		const { data: reused, error } = await strict
			.client()
			.auth.refreshSession({ refresh_token: rt0 });
		expect(reused.session).toBeNull();
		expect(error).toMatchObject({
			status: 400,
			code: 'refresh_token_already_used',
			message: 'Invalid Refresh Token: Already Used'
		});
		// The revocation was committed: the newest token of the family is dead too.
		const { error: afterwards } = await strict.client().auth.refreshSession({ refresh_token: rt2 });
		expect(afterwards).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
		const live = await strict.db.query(
			'select 1 from auth.refresh_tokens where session_id = $1 and revoked = false',
			[
				JSON.parse(Buffer.from(data.session!.access_token.split('.')[1], 'base64url').toString())
					.session_id
			]
		);
		expect(live.rows).toEqual([]);
	});
});

describe('with the default reuse interval of 10 s', () => {
	it('lets an ancestor be replayed within the interval, issuing a new child', async () => {
		const { session } = await signUpUser(lenient, freshEmail());
		const rt0 = session.refresh_token;
		const rt1 = (await lenient.client().auth.refreshSession({ refresh_token: rt0 })).data.session!
			.refresh_token;
		const rt2 = (await lenient.client().auth.refreshSession({ refresh_token: rt1 })).data.session!
			.refresh_token;
		const { data: again, error } = await lenient
			.client()
			.auth.refreshSession({ refresh_token: rt0 });
		expect(error).toBeNull();
		expect([rt0, rt1, rt2]).not.toContain(again.session!.refresh_token);
	});
});
