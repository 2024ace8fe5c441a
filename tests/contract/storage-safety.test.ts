import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { useTestStack } from './helpers/use-stack.ts';
import { userClient } from './helpers/persona.ts';
import { apiError, bytesOf, eventually, storageFiles } from './helpers/storage.ts';

const ALICE = '0d6c1b4e-2a55-4c43-8f3e-0a1b2c3d4e5f';
const BOB = '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';

const t = useTestStack({
	sql: readFileSync(new URL('./fixtures/storage-rls.sql', import.meta.url), 'utf8')
});
let alice: SupabaseClient;
let bob: SupabaseClient;

beforeAll(async () => {
	alice = await userClient(t(), ALICE);
	bob = await userClient(t(), BOB);
	await t().admin().storage.createBucket('uploads', { public: false });
});

describe('storage RLS', () => {
	it('lets a user write and read only their own folder', async () => {
		const own = await alice.storage.from('private-docs').upload(`${ALICE}/note.txt`, 'alice only', {
			contentType: 'text/plain'
		});
		expect(own.error).toBeNull();
		const row = await t().db.query<{ owner: string; owner_id: string }>(
			`select owner::text as owner, owner_id from storage.objects where name = $1`,
			[`${ALICE}/note.txt`]
		);
		expect(row.rows).toEqual([{ owner: ALICE, owner_id: ALICE }]);
		expect(
			await (await alice.storage.from('private-docs').download(`${ALICE}/note.txt`)).data!.text()
		).toBe('alice only');

		const intrude = await bob.storage.from('private-docs').upload(`${ALICE}/evil.txt`, 'bob', {
			contentType: 'text/plain'
		});
		expect(apiError(intrude.error)).toEqual({
			status: 400,
			statusCode: '403',
			message: 'new row violates row-level security policy',
			code: 'AccessDenied'
		});
		const peek = await bob.storage.from('private-docs').download(`${ALICE}/note.txt`);
		expect(apiError(peek.error)).toEqual({
			status: 400,
			statusCode: '404',
			message: 'Object not found',
			code: 'NoSuchKey'
		});
		expect((await bob.storage.from('private-docs').list(ALICE)).data).toEqual([]);
		expect((await bob.storage.from('private-docs').list()).data).toEqual([]);
		expect((await alice.storage.from('private-docs').list()).data!.map((e) => e.name)).toEqual([
			ALICE
		]);
		expect(
			apiError(
				(await bob.storage.from('private-docs').createSignedUrl(`${ALICE}/note.txt`, 60)).error
			)
		).toMatchObject({ statusCode: '404' });
		expect((await bob.storage.from('private-docs').remove([`${ALICE}/note.txt`])).data).toEqual([]);
		expect(
			apiError(
				(await bob.storage.from('private-docs').move(`${ALICE}/note.txt`, `${BOB}/stolen.txt`))
					.error
			)
		).toMatchObject({ statusCode: '404' });
		const moveOut = await alice.storage
			.from('private-docs')
			.move(`${ALICE}/note.txt`, `${BOB}/gift.txt`);
		expect(apiError(moveOut.error)).toMatchObject({ statusCode: '403', code: 'AccessDenied' });
		expect((await alice.storage.from('private-docs').exists(`${ALICE}/note.txt`)).data).toBe(true);

		const signUpload = await bob.storage
			.from('private-docs')
			.createSignedUploadUrl(`${ALICE}/x.txt`);
		expect(apiError(signUpload.error)).toMatchObject({ statusCode: '403' });
		const noRows = await t().db.query(`select 1 from storage.objects where name like $1`, [
			`${ALICE}/evil%`
		]);
		expect(noRows.rows).toEqual([]);
	});

	it('refuses uploads from a caller without a token, or with a forged one', async () => {
		const res = await fetch(`${t().url}/storage/v1/object/uploads/x.txt`, {
			method: 'POST',
			body: 'x'
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			statusCode: '403',
			code: 'AccessDenied',
			error: 'Unauthorized',
			message: 'jwt must be provided'
		});
		const forged = await fetch(`${t().url}/storage/v1/object/uploads/x.txt`, {
			method: 'POST',
			headers: { authorization: `Bearer ${t().serviceRoleKey.slice(0, -2)}xx` },
			body: 'x'
		});
		expect(forged.status).toBe(400);
		expect(await forged.json()).toMatchObject({ statusCode: '403', message: 'invalid signature' });
	});
});

describe('signed URL scopes', () => {
	it('refuses a download token for an upload and an upload token for a download', async () => {
		const bucket = alice.storage.from('private-docs');
		const path = `${ALICE}/scoped.txt`;
		expect((await bucket.upload(path, 'scoped', { contentType: 'text/plain' })).error).toBeNull();
		const download = await bucket.createSignedUrl(path, 60);
		const downloadToken = new URL(download.data!.signedUrl).searchParams.get('token')!;
		const claims = JSON.parse(Buffer.from(downloadToken.split('.')[1], 'base64url').toString());
		expect(claims).toMatchObject({ url: `private-docs/${path}`, scope: 'download' });
		const replayed = await bucket.uploadToSignedUrl(path, downloadToken, 'overwritten');
		expect(apiError(replayed.error)).toMatchObject({
			statusCode: '400',
			code: 'InvalidSignature',
			message: 'Token is not scoped for upload'
		});

		const upload = await bucket.createSignedUploadUrl(path, { upsert: true });
		const res = await fetch(
			`${t().url}/storage/v1/object/sign/private-docs/${path}?token=${upload.data!.token}`
		);
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			statusCode: '400',
			code: 'InvalidSignature',
			error: 'InvalidSignature',
			message: 'Token is not scoped for download'
		});
		expect(await (await bucket.download(path)).data!.text()).toBe('scoped');
	});
});

/** Sends the headers and part of a body over a raw socket, then kills the connection. */
async function killedUpload(
	path: string,
	headers: Record<string, string>,
	partial: Buffer
): Promise<void> {
	const { hostname, port } = new URL(t().url);
	const socket = connect(Number(port), hostname);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('error', reject);
	});
	const head =
		`POST ${path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n` +
		Object.entries(headers)
			.map(([k, v]) => `${k}: ${v}\r\n`)
			.join('') +
		'\r\n';
	await new Promise<void>((resolve) => socket.write(head, () => resolve()));
	await new Promise<void>((resolve) => socket.write(partial, () => resolve()));
	// Kill the connection only once the server is writing the body to a temp file, so the
	// test exercises the cleanup of a partial file.
	const writing = await eventually(async () => (await storageFiles(t())).tmp.length === 1);
	socket.destroy();
	expect(writing).toBe(true);
}

describe('interrupted uploads', () => {
	for (const kind of ['raw', 'multipart'] as const) {
		it(`leaves no row and no file when a ${kind} upload is killed midway`, async () => {
			const before = await storageFiles(t());
			const name = `killed-${kind}.bin`;
			const total = 4 * 1024 * 1024;
			const boundary = '----parleytestboundary';
			const preamble = Buffer.from(
				`--${boundary}\r\ncontent-disposition: form-data; name="cacheControl"\r\n\r\n3600\r\n` +
					`--${boundary}\r\ncontent-disposition: form-data; name=""; filename="blob"\r\n` +
					'content-type: application/octet-stream\r\n\r\n'
			);
			const body =
				kind === 'raw'
					? Buffer.from(bytesOf(512 * 1024))
					: Buffer.concat([preamble, Buffer.from(bytesOf(512 * 1024))]);
			await killedUpload(
				`/storage/v1/object/uploads/${name}`,
				{
					authorization: `Bearer ${t().serviceRoleKey}`,
					apikey: t().serviceRoleKey,
					'content-type':
						kind === 'raw'
							? 'application/octet-stream'
							: `multipart/form-data; boundary=${boundary}`,
					'content-length': String(total)
				},
				body
			);
			const clean = await eventually(async () => {
				const files = await storageFiles(t());
				return files.tmp.length === 0 && files.objects.length === before.objects.length;
			});
			expect(clean).toBe(true);
			const rows = await t().db.query('select 1 from storage.objects where name = $1', [name]);
			expect(rows.rows).toEqual([]);

			// The stack is still healthy and the same path can be uploaded afterwards.
			const ok = await t().admin().storage.from('uploads').upload(name, bytesOf(100), {
				contentType: 'application/octet-stream'
			});
			expect(ok.error).toBeNull();
		});
	}
});
