/**
 * Listing (v1 and v2), object info and emptying a bucket, through supabase-js. The expected
 * answers come from Supabase Storage's routes, SQL (`storage.search`, `search_v2`,
 * `list_objects_with_delimiter`, `search_by_timestamp`) and its tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { useTestStack } from './helpers/use-stack.ts';
import { apiError, storageFiles } from './helpers/storage.ts';

// The anon role may read what lies under `open/` in the `lists` bucket, nothing else.
const t = useTestStack({
	sql: `create policy "anon reads lists/open" on storage.objects for select to anon
	        using (bucket_id = 'lists' and name like 'open/%');`
});
let admin: SupabaseClient;

const FILE_KEYS = ['created_at', 'id', 'last_accessed_at', 'metadata', 'name', 'updated_at'];
const METADATA_KEYS = [
	'cacheControl',
	'contentLength',
	'eTag',
	'httpStatusCode',
	'lastModified',
	'mimetype',
	'size'
];
const FOLDER = {
	id: null,
	updated_at: null,
	created_at: null,
	last_accessed_at: null,
	metadata: null
};

async function put(bucket: string, names: string[]) {
	for (const name of names) {
		const { error } = await admin.storage
			.from(bucket)
			.upload(name, `body of ${name}`, { contentType: 'text/plain' });
		expect(error).toBeNull();
	}
}

beforeAll(async () => {
	admin = t().admin();
	expect((await admin.storage.createBucket('lists', { public: false })).error).toBeNull();
	// Uploaded in this order, so created_at order differs from name order.
	await put('lists', ['dir/b.txt', 'dir/a.txt', 'dir/c.txt', 'dir/sub/x.txt', 'dir/Sub2/y.txt']);
	await put('lists', ['open/one.txt', 'open/two.txt', 'top.txt']);
});

describe('list (v1)', () => {
	it('returns every field Storage returns, folders without id or metadata', async () => {
		const { data, error } = await admin.storage.from('lists').list('dir');
		expect(error).toBeNull();
		// storage.search orders by lower(name) in byte order, a folder as `name/`.
		expect(data!.map((e) => e.name)).toEqual(['a.txt', 'b.txt', 'c.txt', 'sub', 'Sub2']);
		for (const folder of data!.filter((e) => e.name.startsWith('s') || e.name === 'Sub2'))
			expect(folder).toEqual({ name: folder.name, ...FOLDER });
		const file = data!.find((e) => e.name === 'a.txt')!;
		expect(Object.keys(file).sort()).toEqual(FILE_KEYS);
		expect(file.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(Object.keys(file.metadata ?? {}).sort()).toEqual(METADATA_KEYS);
		expect(file.metadata).toMatchObject({
			size: 'body of dir/a.txt'.length,
			contentLength: 'body of dir/a.txt'.length,
			mimetype: 'text/plain',
			cacheControl: 'max-age=3600',
			httpStatusCode: 200
		});
		for (const k of ['created_at', 'updated_at', 'last_accessed_at'] as const)
			expect(Number.isNaN(Date.parse(file[k] ?? ''))).toBe(false);
	});

	it('sorts by a timestamp with folders first, and by name both ways', async () => {
		const bucket = admin.storage.from('lists');
		const byCreated = await bucket.list('dir', { sortBy: { column: 'created_at', order: 'asc' } });
		// Folders first (in the database's collation, so only their set is certain), then files.
		expect(
			byCreated
				.data!.slice(0, 2)
				.map((e) => e.name)
				.sort()
		).toEqual(['Sub2', 'sub']);
		expect(byCreated.data!.slice(2).map((e) => e.name)).toEqual(['b.txt', 'a.txt', 'c.txt']);
		const newest = await bucket.list('dir', { sortBy: { column: 'updated_at', order: 'desc' } });
		expect(newest.data!.slice(2).map((e) => e.name)).toEqual(['c.txt', 'a.txt', 'b.txt']);
		const desc = await bucket.list('dir', { sortBy: { column: 'name', order: 'desc' } });
		expect(desc.data!.map((e) => e.name)).toEqual(['Sub2', 'sub', 'c.txt', 'b.txt', 'a.txt']);
	});

	it('searches names under the prefix, case-insensitively, with limit and offset', async () => {
		const bucket = admin.storage.from('lists');
		expect((await bucket.list('dir', { search: 'SU' })).data!.map((e) => e.name)).toEqual([
			'sub',
			'Sub2'
		]);
		expect((await bucket.list('DIR/')).data).toHaveLength(5);
		const page = await bucket.list('dir', { limit: 2, offset: 2 });
		expect(page.data!.map((e) => e.name)).toEqual(['c.txt', 'sub']);
		expect((await bucket.list('nothing-here')).data).toEqual([]);
	});

	it('answers [] for a bucket that is empty or does not exist (Storage does not look it up)', async () => {
		expect((await admin.storage.createBucket('list-empty')).error).toBeNull();
		expect(await admin.storage.from('list-empty').list()).toEqual({ data: [], error: null });
		expect(await admin.storage.from('no-such-bucket').list()).toEqual({ data: [], error: null });
	});

	it('shows a caller only the rows RLS lets it read', async () => {
		const anon = t().client();
		expect((await anon.storage.from('lists').list()).data!.map((e) => e.name)).toEqual(['open']);
		expect((await anon.storage.from('lists').list('dir')).data).toEqual([]);
	});
});

describe('list-v2', () => {
	it('lists one level with folders and objects as Storage shapes them', async () => {
		const { data, error } = await admin.storage
			.from('lists')
			.listV2({ prefix: 'dir/', with_delimiter: true });
		expect(error).toBeNull();
		expect(data!.hasNext).toBe(false);
		expect(data).not.toHaveProperty('nextCursor');
		// Byte order: upper case first.
		expect(data!.folders).toEqual([
			{ key: 'Sub2', name: 'dir/Sub2/', ...FOLDER },
			{ key: 'sub', name: 'dir/sub/', ...FOLDER }
		]);
		expect(data!.objects.map((o) => [o.key, o.name])).toEqual([
			['a.txt', 'dir/a.txt'],
			['b.txt', 'dir/b.txt'],
			['c.txt', 'dir/c.txt']
		]);
		expect(Object.keys(data!.objects[0]).sort()).toEqual(['key', ...FILE_KEYS].sort());
		expect(data!.objects[0].metadata).toMatchObject({ mimetype: 'text/plain' });
	});

	it('lists every key under a prefix without a delimiter, without `key`', async () => {
		const { data } = await admin.storage.from('lists').listV2({ prefix: 'dir/' });
		expect(data!.folders).toEqual([]);
		expect(data!.objects.map((o) => o.name)).toEqual([
			'dir/Sub2/y.txt',
			'dir/a.txt',
			'dir/b.txt',
			'dir/c.txt',
			'dir/sub/x.txt'
		]);
		expect(Object.keys(data!.objects[0]).sort()).toEqual(FILE_KEYS);
		// The prefix is case-sensitive here, unlike list v1.
		expect((await admin.storage.from('lists').listV2({ prefix: 'DIR/' })).data!.objects).toEqual(
			[]
		);
	});

	it('pages with a cursor that neither skips nor repeats when keys are added between pages', async () => {
		expect((await admin.storage.createBucket('pages')).error).toBeNull();
		await put('pages', ['p/b', 'p/d', 'p/f', 'p/h']);
		const bucket = admin.storage.from('pages');
		const first = await bucket.listV2({ prefix: 'p/', limit: 2 });
		expect(first.data!.objects.map((o) => o.name)).toEqual(['p/b', 'p/d']);
		expect(first.data!.hasNext).toBe(true);
		expect(Buffer.from(first.data!.nextCursor!, 'base64').toString()).toBe('l:p/d');
		expect(first.data).toHaveProperty('nextCursorKey', 'p/d');
		// One before the cursor (must not show up), one after it (must).
		await put('pages', ['p/a', 'p/e']);
		const second = await bucket.listV2({ prefix: 'p/', limit: 2, cursor: first.data!.nextCursor });
		expect(second.data!.objects.map((o) => o.name)).toEqual(['p/e', 'p/f']);
		const third = await bucket.listV2({ prefix: 'p/', limit: 2, cursor: second.data!.nextCursor });
		expect(third.data!.objects.map((o) => o.name)).toEqual(['p/h']);
		expect(third.data!.hasNext).toBe(false);
	});

	it('pages folders and objects together, and by created_at descending', async () => {
		const bucket = admin.storage.from('lists');
		const names: string[] = [];
		let cursor: string | undefined;
		do {
			const { data, error } = await bucket.listV2({
				prefix: 'dir/',
				with_delimiter: true,
				limit: 2,
				cursor
			});
			expect(error).toBeNull();
			names.push(...data!.folders.map((f) => f.name), ...data!.objects.map((o) => o.name));
			cursor = data!.hasNext ? data!.nextCursor : undefined;
		} while (cursor);
		expect(names.sort()).toEqual(['dir/Sub2/', 'dir/a.txt', 'dir/b.txt', 'dir/c.txt', 'dir/sub/']);

		const newest: string[] = [];
		cursor = undefined;
		do {
			const { data } = await bucket.listV2({
				prefix: 'dir/',
				limit: 2,
				cursor,
				sortBy: { column: 'created_at', order: 'desc' }
			});
			newest.push(...data!.objects.map((o) => o.name));
			cursor = data!.hasNext ? data!.nextCursor : undefined;
		} while (cursor);
		expect(newest).toEqual([
			'dir/Sub2/y.txt',
			'dir/sub/x.txt',
			'dir/c.txt',
			'dir/a.txt',
			'dir/b.txt'
		]);
	});

	it('refuses a cursor that is not one, and applies RLS', async () => {
		const bad = await admin.storage.from('lists').listV2({ cursor: 'bm90IGEgY3Vyc29y' });
		expect(apiError(bad.error)).toEqual({
			status: 400,
			statusCode: '400',
			code: 'InvalidParameter',
			message: 'Invalid Parameter continuation token'
		});
		const anon = await t().client().storage.from('lists').listV2({ with_delimiter: true });
		expect(anon.data!.folders.map((f) => f.name)).toEqual(['open/']);
		expect(anon.data!.objects).toEqual([]);
	});
});

describe('object info', () => {
	it('answers the fields Storage renders, camel-cased by storage-js', async () => {
		const up = await admin.storage.from('lists').upload('info/a.json', '{"a":1}', {
			contentType: 'application/json',
			cacheControl: '60',
			metadata: { owner: 'me' }
		});
		expect(up.error).toBeNull();
		const { data, error } = await admin.storage.from('lists').info('info/a.json');
		expect(error).toBeNull();
		expect(Object.keys(data!).sort()).toEqual(
			[
				'bucketId',
				'cacheControl',
				'contentType',
				'createdAt',
				'etag',
				'id',
				'lastModified',
				'metadata',
				'name',
				'size',
				'version'
			].sort()
		);
		expect(data).toMatchObject({
			id: up.data!.id,
			name: 'info/a.json',
			bucketId: 'lists',
			size: 7,
			contentType: 'application/json',
			cacheControl: 'max-age=60',
			metadata: { owner: 'me' }
		});
		expect(data!.etag).toMatch(/^".+"$/);
		expect(typeof data!.version).toBe('string');
	});

	it('answers 404 for a missing object or one RLS hides, NoSuchBucket for a missing bucket', async () => {
		const missing = await admin.storage.from('lists').info('info/none');
		expect(apiError(missing.error)).toEqual({
			status: 400,
			statusCode: '404',
			code: 'NoSuchKey',
			message: 'Object not found'
		});
		const anon = t().client().storage.from('lists');
		expect((await anon.info('open/one.txt')).data).toMatchObject({ name: 'open/one.txt' });
		const hidden = await anon.info('top.txt');
		expect(apiError(hidden.error)).toMatchObject({ statusCode: '404', code: 'NoSuchKey' });
		expect((await anon.exists('top.txt')).data).toBe(false);
		const noBucket = await admin.storage.from('no-such-bucket').info('x');
		expect(apiError(noBucket.error)).toMatchObject({ statusCode: '404', code: 'NoSuchBucket' });
		await expect(admin.storage.from('no-such-bucket').exists('x')).rejects.toMatchObject({
			statusCode: '404'
		});
	});
});

describe('empty bucket', () => {
	it('removes every object and its bytes, for the service role only', async () => {
		expect((await admin.storage.createBucket('to-empty')).error).toBeNull();
		await put('to-empty', ['a.txt', 'd/b.txt', 'd/e/c.txt']);
		const before = (await storageFiles(t())).objects.length;

		const anon = await t().client().storage.emptyBucket('to-empty');
		expect(apiError(anon.error)).toEqual({
			status: 403,
			statusCode: '403',
			code: 'AccessDenied',
			message: 'Access denied: Invalid role'
		});
		expect((await admin.storage.from('to-empty').list('d')).data).toHaveLength(2);

		expect(await admin.storage.emptyBucket('to-empty')).toEqual({
			data: { message: 'Empty bucket has been queued. Completion may take up to an hour.' },
			error: null
		});
		expect((await admin.storage.from('to-empty').listV2()).data!.objects).toEqual([]);
		expect((await storageFiles(t())).objects.length).toBe(before - 3);
		// Emptying an empty bucket is fine too.
		expect((await admin.storage.emptyBucket('to-empty')).error).toBeNull();
	});

	it('answers NoSuchBucket for a missing bucket', async () => {
		const { error } = await admin.storage.emptyBucket('no-such-bucket');
		expect(apiError(error)).toEqual({
			status: 400,
			statusCode: '404',
			code: 'NoSuchBucket',
			message: 'Bucket not found'
		});
	});
});
