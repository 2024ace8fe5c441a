import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { useTestStack } from './helpers/use-stack.ts';
import { apiError, bytesOf, storageFiles } from './helpers/storage.ts';

const t = useTestStack();
let admin: SupabaseClient;
beforeAll(() => {
	admin = t().admin();
});

async function blobBytes(blob: Blob | null): Promise<Uint8Array> {
	return new Uint8Array(await blob!.arrayBuffer());
}

describe('storage buckets', () => {
	it('creates, reads, lists, updates, empties and deletes a bucket', async () => {
		const created = await admin.storage.createBucket('crud', {
			public: false,
			fileSizeLimit: '1MB'
		});
		expect(created).toEqual({ data: { name: 'crud' }, error: null });

		const got = await admin.storage.getBucket('crud');
		expect(got.error).toBeNull();
		expect(got.data).toMatchObject({
			id: 'crud',
			name: 'crud',
			public: false,
			file_size_limit: 1000000,
			allowed_mime_types: null
		});

		const listed = await admin.storage.listBuckets();
		expect(listed.data?.map((b) => b.id)).toContain('crud');

		const updated = await admin.storage.updateBucket('crud', {
			public: true,
			allowedMimeTypes: ['image/*']
		});
		expect(updated).toEqual({ data: { message: 'Successfully updated' }, error: null });
		expect((await admin.storage.getBucket('crud')).data).toMatchObject({
			public: true,
			allowed_mime_types: ['image/*'],
			file_size_limit: 1000000
		});

		await admin.storage
			.from('crud')
			.upload('a.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), {
				contentType: 'image/png'
			});
		const notEmpty = await admin.storage.deleteBucket('crud');
		expect(apiError(notEmpty.error)).toEqual({
			status: 400,
			statusCode: '409',
			message: 'The bucket you tried to delete is not empty',
			code: 'ResourceNotEmpty'
		});
		expect(await admin.storage.emptyBucket('crud')).toEqual({
			data: { message: 'Empty bucket has been queued. Completion may take up to an hour.' },
			error: null
		});
		expect(await admin.storage.deleteBucket('crud')).toEqual({
			data: { message: 'Successfully deleted' },
			error: null
		});
		const gone = await admin.storage.getBucket('crud');
		expect(apiError(gone.error)).toEqual({
			status: 400,
			statusCode: '404',
			message: 'Bucket not found',
			code: 'NoSuchBucket'
		});
	});

	it('refuses a duplicate bucket and bad names or limits', async () => {
		await admin.storage.createBucket('dupe');
		expect(apiError((await admin.storage.createBucket('dupe')).error)).toEqual({
			status: 400,
			statusCode: '409',
			message: 'The resource already exists',
			code: 'BucketAlreadyExists'
		});
		const res = await fetch(`${t().url}/storage/v1/bucket`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${t().serviceRoleKey}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ name: 'bad/name' })
		});
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			statusCode: '400',
			code: 'InvalidBucketName',
			error: 'Invalid Input',
			message: 'Bucket name invalid'
		});
		const badMime = await admin.storage.createBucket('badmime', {
			public: false,
			allowedMimeTypes: ['not a mime']
		});
		expect(apiError(badMime.error)).toMatchObject({
			statusCode: '415',
			message: 'mime type not a mime is not supported'
		});
	});

	it('lets RLS on storage.buckets decide for non-service callers', async () => {
		const anon = t().client();
		expect(await anon.storage.listBuckets()).toEqual({ data: [], error: null });
		const denied = await anon.storage.createBucket('anon-bucket');
		expect(apiError(denied.error)).toEqual({
			status: 400,
			statusCode: '403',
			message: 'new row violates row-level security policy',
			code: 'AccessDenied'
		});
	});
});

describe('storage objects', () => {
	beforeAll(async () => {
		await admin.storage.createBucket('files', { public: false });
		await admin.storage.createBucket('pics', { public: true });
		await admin.storage.createBucket('small', { public: false, fileSizeLimit: 1000 });
		await admin.storage.createBucket('images-only', {
			public: false,
			allowedMimeTypes: ['image/png', 'image/jpeg']
		});
	});

	for (const [label, size] of [
		['1 byte', 1],
		['1 MB', 1024 * 1024],
		['20 MB', 20 * 1024 * 1024]
	] as const) {
		it(`round-trips ${label} as a File (multipart) and as raw bytes`, async () => {
			const bytes = bytesOf(size, size);
			const viaFile = await admin.storage
				.from('files')
				.upload(`rt/${size}.bin`, new File([bytes], 'x.bin', { type: 'application/octet-stream' }));
			expect(viaFile.error).toBeNull();
			expect(viaFile.data).toMatchObject({
				path: `rt/${size}.bin`,
				fullPath: `files/rt/${size}.bin`
			});
			expect(viaFile.data?.id).toMatch(/^[0-9a-f-]{36}$/);
			const raw = await admin.storage
				.from('files')
				.upload(`rt/${size}.raw`, bytes, { contentType: 'application/octet-stream' });
			expect(raw.error).toBeNull();

			for (const path of [`rt/${size}.bin`, `rt/${size}.raw`]) {
				const { data, error } = await admin.storage.from('files').download(path);
				expect(error).toBeNull();
				const got = await blobBytes(data);
				expect(got.length).toBe(size);
				expect(Buffer.compare(Buffer.from(got), Buffer.from(bytes))).toBe(0);
			}
		}, 60_000);
	}

	it('refuses a second upload to the same path with 409 unless x-upsert is set', async () => {
		const bucket = admin.storage.from('files');
		await bucket.upload('upsert/a.txt', 'first', { contentType: 'text/plain' });
		const again = await bucket.upload('upsert/a.txt', 'second', { contentType: 'text/plain' });
		expect(apiError(again.error)).toEqual({
			status: 400,
			statusCode: '409',
			message: 'The resource already exists',
			code: 'ResourceAlreadyExists'
		});
		expect(await (await bucket.download('upsert/a.txt')).data!.text()).toBe('first');

		const before = (await storageFiles(t())).objects.length;
		const over = await bucket.upload('upsert/a.txt', 'third', {
			contentType: 'text/plain',
			upsert: true
		});
		expect(over.error).toBeNull();
		expect(await (await bucket.download('upsert/a.txt')).data!.text()).toBe('third');
		// The replaced version's bytes are gone: one file per live object.
		expect((await storageFiles(t())).objects.length).toBe(before);

		const updated = await bucket.update(
			'upsert/a.txt',
			new Blob(['fourth'], { type: 'text/plain' })
		);
		expect(updated.error).toBeNull();
		expect(await (await bucket.download('upsert/a.txt')).data!.text()).toBe('fourth');
	});

	it('enforces the bucket size limit and allowed MIME types, leaving nothing behind', async () => {
		const before = await storageFiles(t());
		const tooBig = await admin.storage.from('small').upload('big.bin', bytesOf(1001), {
			contentType: 'application/octet-stream'
		});
		expect(apiError(tooBig.error)).toEqual({
			status: 400,
			statusCode: '413',
			message: 'The object exceeded the maximum allowed size',
			code: 'EntityTooLarge'
		});
		const tooBigFile = await admin.storage
			.from('small')
			.upload('big2.bin', new File([bytesOf(5000)], 'b.bin'));
		expect(apiError(tooBigFile.error)).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });
		const fits = await admin.storage.from('small').upload('fits.bin', bytesOf(1000), {
			contentType: 'application/octet-stream'
		});
		expect(fits.error).toBeNull();

		const wrongType = await admin.storage
			.from('images-only')
			.upload('note.txt', 'hello', { contentType: 'text/plain' });
		expect(apiError(wrongType.error)).toEqual({
			status: 400,
			statusCode: '415',
			message: 'mime type text/plain is not supported',
			code: 'InvalidMimeType'
		});
		const wrongFile = await admin.storage
			.from('images-only')
			.upload('note2.txt', new File(['hello'], 'n.txt', { type: 'text/plain' }));
		expect(apiError(wrongFile.error)).toMatchObject({ statusCode: '415', code: 'InvalidMimeType' });

		const rows = await t().db.query<{ name: string }>(
			`select name from storage.objects where name in ('big.bin', 'big2.bin', 'note.txt', 'note2.txt')`
		);
		expect(rows.rows).toEqual([]);
		const after = await storageFiles(t());
		expect(after.tmp).toEqual([]);
		expect(after.objects.length).toBe(before.objects.length + 1);
	});

	it('serves image bytes with their Content-Type, ETag, Cache-Control and byte ranges', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
		await admin.storage
			.from('pics')
			.upload('logo.png', png, { contentType: 'image/png', cacheControl: '60' });
		const { data } = admin.storage.from('pics').getPublicUrl('logo.png');
		const res = await fetch(data.publicUrl);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		expect(res.headers.get('content-length')).toBe('12');
		expect(res.headers.get('cache-control')).toBe('max-age=60');
		expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
		expect(res.headers.get('x-robots-tag')).toBe('none');
		expect(new Uint8Array(await res.arrayBuffer())).toEqual(png);

		const part = await fetch(data.publicUrl, { headers: { range: 'bytes=1-3' } });
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe('bytes 1-3/12');
		expect(new Uint8Array(await part.arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));

		const cached = await fetch(data.publicUrl, {
			headers: { 'if-none-match': res.headers.get('etag')! }
		});
		expect(cached.status).toBe(304);

		// Only a PNG signature: the image renderer refuses it (storage-transform.test.ts).
		const transformed = await admin.storage
			.from('pics')
			.download('logo.png', { transform: { width: 10 } });
		expect(transformed.error).toMatchObject({
			statusCode: '400',
			message: 'The source image is invalid or unsupported for rendering'
		});
	});

	it('serves public buckets without any credentials and refuses private ones', async () => {
		await admin.storage.from('files').upload('secret.txt', 'secret', { contentType: 'text/plain' });
		const privateUrl = admin.storage.from('files').getPublicUrl('secret.txt').data.publicUrl;
		const res = await fetch(privateUrl);
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({
			statusCode: '404',
			code: 'NoSuchBucket',
			error: 'Bucket not found',
			message: 'Bucket not found'
		});
		const noAuth = await fetch(`${t().url}/storage/v1/object/files/secret.txt`);
		expect(noAuth.status).toBe(400);
		expect(await noAuth.json()).toMatchObject({
			statusCode: '403',
			message: 'Access denied to this bucket'
		});
		const anonDownload = await t().client().storage.from('files').download('secret.txt');
		expect(apiError(anonDownload.error)).toMatchObject({
			status: 400,
			statusCode: '404',
			code: 'NoSuchKey'
		});
	});

	it('answers info and exists', async () => {
		await admin.storage
			.from('files')
			.upload('info/doc.txt', 'hello', { contentType: 'text/plain', metadata: { kind: 'note' } });
		const info = await admin.storage.from('files').info('info/doc.txt');
		expect(info.error).toBeNull();
		expect(info.data).toMatchObject({
			name: 'info/doc.txt',
			bucketId: 'files',
			size: 5,
			contentType: 'text/plain',
			cacheControl: 'max-age=3600',
			metadata: { kind: 'note' }
		});
		expect(await admin.storage.from('files').exists('info/doc.txt')).toEqual({
			data: true,
			error: null
		});
		const missing = await admin.storage.from('files').exists('info/none.txt');
		expect(missing.data).toBe(false);
		expect(apiError(missing.error)).toMatchObject({
			statusCode: '404',
			message: 'Object not found'
		});
	});

	it('lists one folder level with prefix, search, limit, offset and sort', async () => {
		const bucket = admin.storage.from('files');
		for (const name of [
			'list/b.txt',
			'list/a.txt',
			'list/c.txt',
			'list/sub/x.txt',
			'list/sub/y.txt',
			'other.txt'
		])
			await bucket.upload(name, name, { contentType: 'text/plain' });

		const all = await bucket.list('list');
		expect(all.error).toBeNull();
		expect(all.data!.map((e) => e.name)).toEqual(['a.txt', 'b.txt', 'c.txt', 'sub']);
		const folder = all.data!.find((e) => e.name === 'sub')!;
		expect(folder).toEqual({
			name: 'sub',
			id: null,
			updated_at: null,
			created_at: null,
			last_accessed_at: null,
			metadata: null
		});
		expect(all.data![0].metadata).toMatchObject({ size: 10, mimetype: 'text/plain' });

		expect((await bucket.list('list', { search: 'b' })).data!.map((e) => e.name)).toEqual([
			'b.txt'
		]);
		expect((await bucket.list('list', { limit: 2, offset: 1 })).data!.map((e) => e.name)).toEqual([
			'b.txt',
			'c.txt'
		]);
		expect(
			(await bucket.list('list', { sortBy: { column: 'name', order: 'desc' } })).data!.map(
				(e) => e.name
			)
		).toEqual(['sub', 'c.txt', 'b.txt', 'a.txt']);
		expect((await bucket.list('list/sub')).data!.map((e) => e.name)).toEqual(['x.txt', 'y.txt']);
		const root = (await bucket.list()).data!.map((e) => e.name);
		expect(root).toContain('list');
		expect(root).toContain('other.txt');

		const v2 = await bucket.listV2({ prefix: 'list/', with_delimiter: true });
		expect(v2.error).toBeNull();
		expect(v2.data!.folders).toEqual([
			{
				key: 'sub',
				name: 'list/sub/',
				id: null,
				updated_at: null,
				created_at: null,
				last_accessed_at: null,
				metadata: null
			}
		]);
		expect(v2.data!.objects.map((o) => o.name)).toEqual(['list/a.txt', 'list/b.txt', 'list/c.txt']);
		expect(v2.data!.hasNext).toBe(false);
	});

	it('moves, copies and removes objects', async () => {
		const bucket = admin.storage.from('files');
		await bucket.upload('mv/from.txt', 'moving', { contentType: 'text/plain' });
		expect((await bucket.move('mv/from.txt', 'mv/to.txt')).data).toMatchObject({
			message: 'Successfully moved'
		});
		expect(await (await bucket.download('mv/to.txt')).data!.text()).toBe('moving');
		expect(apiError((await bucket.download('mv/from.txt')).error)).toMatchObject({
			statusCode: '404'
		});

		const copied = await bucket.copy('mv/to.txt', 'mv/copy.txt');
		expect(copied).toEqual({ data: { path: 'files/mv/copy.txt' }, error: null });
		expect(await (await bucket.download('mv/copy.txt')).data!.text()).toBe('moving');
		expect(await (await bucket.download('mv/to.txt')).data!.text()).toBe('moving');

		const taken = await bucket.copy('mv/to.txt', 'mv/copy.txt');
		expect(apiError(taken.error)).toMatchObject({
			statusCode: '409',
			message: 'The resource already exists'
		});
		const missing = await bucket.move('mv/none.txt', 'mv/x.txt');
		expect(apiError(missing.error)).toMatchObject({
			statusCode: '404',
			message: 'Object not found'
		});

		const removed = await bucket.remove(['mv/to.txt', 'mv/copy.txt', 'mv/never.txt']);
		expect(removed.error).toBeNull();
		expect(removed.data!.map((o) => o.name).sort()).toEqual(['mv/copy.txt', 'mv/to.txt']);
		expect((await bucket.exists('mv/to.txt')).data).toBe(false);
	});

	it('signs download URLs that work until they expire', async () => {
		const bucket = admin.storage.from('files');
		await bucket.upload('signed/a.txt', 'signed bytes', { contentType: 'text/plain' });
		// Two seconds: a token of one expires at the next whole second, maybe mid-test.
		const { data, error } = await bucket.createSignedUrl('signed/a.txt', 2);
		expect(error).toBeNull();
		expect(data!.signedUrl).toMatch(
			new RegExp(`^${t().url}/storage/v1/object/sign/files/signed/a.txt\\?token=`)
		);
		const ok = await fetch(data!.signedUrl);
		expect(ok.status).toBe(200);
		expect(await ok.text()).toBe('signed bytes');
		expect(ok.headers.get('expires')).not.toBeNull();

		const tampered = data!.signedUrl.replace('signed/a.txt', 'signed/b.txt');
		const wrong = await fetch(tampered);
		expect(wrong.status).toBe(400);
		expect(await wrong.json()).toMatchObject({ statusCode: '400', code: 'InvalidSignature' });

		const many = await bucket.createSignedUrls(['signed/a.txt', 'signed/none.txt'], 60);
		expect(many.data![0]).toMatchObject({ path: 'signed/a.txt', error: null });
		expect(await (await fetch(many.data![0].signedUrl!)).text()).toBe('signed bytes');
		expect(many.data![1]).toEqual({
			path: 'signed/none.txt',
			error: 'Either the object does not exist or you do not have access to it',
			signedURL: null,
			signedUrl: null
		});

		await new Promise((r) => setTimeout(r, 3100));
		const expired = await fetch(data!.signedUrl);
		expect(expired.status).toBe(400);
		expect(await expired.json()).toEqual({
			statusCode: '400',
			code: 'InvalidJWT',
			error: 'InvalidJWT',
			message: 'jwt expired'
		});
	});

	it('accepts an upload through a signed upload URL, honouring its upsert flag', async () => {
		const bucket = admin.storage.from('files');
		const signed = await bucket.createSignedUploadUrl('signed-up/one.bin');
		expect(signed.error).toBeNull();
		const bytes = bytesOf(3000, 7);
		const up = await bucket.uploadToSignedUrl(
			'signed-up/one.bin',
			signed.data!.token,
			new File([bytes], 'one.bin')
		);
		expect(up).toEqual({
			data: { path: 'signed-up/one.bin', fullPath: 'files/signed-up/one.bin' },
			error: null
		});
		expect(await blobBytes((await bucket.download('signed-up/one.bin')).data)).toEqual(bytes);

		const again = await bucket.uploadToSignedUrl('signed-up/one.bin', signed.data!.token, bytes);
		expect(apiError(again.error)).toMatchObject({ statusCode: '409' });
		const upsertable = await bucket.createSignedUploadUrl('signed-up/one.bin', { upsert: true });
		const replaced = await bucket.uploadToSignedUrl(
			'signed-up/one.bin',
			upsertable.data!.token,
			bytesOf(10, 3)
		);
		expect(replaced.error).toBeNull();
		expect(await blobBytes((await bucket.download('signed-up/one.bin')).data)).toEqual(
			bytesOf(10, 3)
		);

		const wrongPath = await bucket.uploadToSignedUrl(
			'signed-up/two.bin',
			signed.data!.token,
			bytes
		);
		expect(apiError(wrongPath.error)).toMatchObject({
			statusCode: '400',
			code: 'InvalidSignature'
		});
	});

	it('answers unknown routes and bad tokens as Storage does', async () => {
		const res = await fetch(`${t().url}/storage/v1/nothing/here`);
		expect(res.status).toBe(404);
		expect(await res.json()).toEqual({
			message: 'Route GET:/nothing/here not found',
			error: 'Not Found',
			statusCode: 404
		});
		const bad = await fetch(`${t().url}/storage/v1/bucket`, {
			headers: { authorization: 'Bearer not.a.jwt' }
		});
		expect(bad.status).toBe(400);
		expect(await bad.json()).toEqual({
			statusCode: '403',
			code: 'AccessDenied',
			error: 'Unauthorized',
			message: 'invalid signature'
		});
	});
});
