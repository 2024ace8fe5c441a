import { describe, expect, it } from 'vitest';
import { parseRoute, RouteEncodingError } from './routes.ts';

describe('parseRoute', () => {
	const cases: [string, string, unknown][] = [
		['GET', '/bucket', { kind: 'listBuckets' }],
		['POST', '/bucket', { kind: 'createBucket' }],
		['GET', '/bucket/avatars', { kind: 'getBucket', bucket: 'avatars' }],
		['PUT', '/bucket/avatars', { kind: 'updateBucket', bucket: 'avatars' }],
		['DELETE', '/bucket/avatars', { kind: 'deleteBucket', bucket: 'avatars' }],
		['POST', '/bucket/avatars/empty', { kind: 'emptyBucket', bucket: 'avatars' }],
		[
			'POST',
			'/object/avatars/a/b.png',
			{ kind: 'upload', bucket: 'avatars', key: 'a/b.png', upsert: 'header' }
		],
		[
			'PUT',
			'/object/avatars/a%20b.png',
			{ kind: 'upload', bucket: 'avatars', key: 'a b.png', upsert: 'always' }
		],
		['DELETE', '/object/avatars', { kind: 'removeMany', bucket: 'avatars' }],
		['DELETE', '/object/avatars/x', { kind: 'removeOne', bucket: 'avatars', key: 'x' }],
		[
			'GET',
			'/object/avatars/x',
			{ kind: 'download', bucket: 'avatars', key: 'x', access: 'auto', head: false }
		],
		[
			'HEAD',
			'/object/avatars/x',
			{ kind: 'download', bucket: 'avatars', key: 'x', access: 'auto', head: true }
		],
		[
			'GET',
			'/object/public/pics/x',
			{ kind: 'download', bucket: 'pics', key: 'x', access: 'public', head: false }
		],
		[
			'GET',
			'/object/authenticated/p/x',
			{ kind: 'download', bucket: 'p', key: 'x', access: 'authenticated', head: false }
		],
		[
			'GET',
			'/render/image/public/p/x.png',
			{ kind: 'renderImage', bucket: 'p', key: 'x.png', mode: 'public', head: false }
		],
		[
			'HEAD',
			'/render/image/authenticated/p/a/b.png',
			{ kind: 'renderImage', bucket: 'p', key: 'a/b.png', mode: 'authenticated', head: true }
		],
		[
			'GET',
			'/render/image/sign/p/x.png',
			{ kind: 'renderImage', bucket: 'p', key: 'x.png', mode: 'sign', head: false }
		],
		['GET', '/render/image/other/p/x.png', null],
		['POST', '/render/image/public/p/x.png', null],
		['GET', '/object/info/p/x', { kind: 'info', bucket: 'p', key: 'x', access: 'auto' }],
		['GET', '/object/info/public/p/x', { kind: 'info', bucket: 'p', key: 'x', access: 'public' }],
		['GET', '/object/sign/p/x', { kind: 'signedDownload', bucket: 'p', key: 'x' }],
		['POST', '/object/sign/p/x', { kind: 'sign', bucket: 'p', key: 'x' }],
		['POST', '/object/sign/p', { kind: 'signMany', bucket: 'p' }],
		['POST', '/object/upload/sign/p/x', { kind: 'signUpload', bucket: 'p', key: 'x' }],
		['PUT', '/object/upload/sign/p/x', { kind: 'signedUpload', bucket: 'p', key: 'x' }],
		['POST', '/object/list/p', { kind: 'list', bucket: 'p' }],
		['POST', '/object/list-v2/p', { kind: 'listV2', bucket: 'p' }],
		['POST', '/object/move', { kind: 'move' }],
		['POST', '/object/copy', { kind: 'copy' }],
		['GET', '/bucket/a/b', null],
		['PATCH', '/object/p/x', null],
		['GET', '/nothing', null]
	];
	for (const [method, path, expected] of cases)
		it(`maps ${method} ${path}`, () => {
			expect(parseRoute(method, path)).toEqual(expected);
		});

	it('refuses broken percent-encoding', () => {
		expect(() => parseRoute('GET', '/object/p/%E0%A4%A')).toThrow(RouteEncodingError);
	});
});
