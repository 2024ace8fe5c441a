import { describe, expect, it } from 'vitest';
import {
	isSkipWaitingMessage,
	routeRequest,
	shellMatchesBuild,
	type RequestFacts,
	type Strategy,
	type WorkerScope
} from './strategy.ts';

const ORIGIN = 'https://chat.example.com';
const scope: WorkerScope = {
	origin: ORIGIN,
	base: '',
	build: new Set(['/_app/immutable/entry/start.abc123.js', '/_app/immutable/assets/0.def.css']),
	files: new Set(['/manifest.webmanifest', '/icons/icon-192.png', '/favicon.svg'])
};

function facts(url: string, overrides: Partial<RequestFacts> = {}): RequestFacts {
	return { url, method: 'GET', mode: 'no-cors', hasRange: false, ...overrides };
}

describe('routeRequest', () => {
	const cases: [string, RequestFacts, Strategy][] = [
		[
			'a hashed build file is served cache first',
			facts(`${ORIGIN}/_app/immutable/entry/start.abc123.js`),
			'immutable'
		],
		[
			'a build file with a query string is still the build file',
			facts(`${ORIGIN}/_app/immutable/assets/0.def.css?v=1`),
			'immutable'
		],
		['a static file is network first', facts(`${ORIGIN}/icons/icon-192.png`), 'static'],
		['the manifest is a static file', facts(`${ORIGIN}/manifest.webmanifest`), 'static'],
		[
			'a navigation to the console uses the shell',
			facts(`${ORIGIN}/app`, { mode: 'navigate' }),
			'console'
		],
		[
			'a navigation deeper in the console uses the shell',
			facts(`${ORIGIN}/app/conversations/42?x=1`, { mode: 'navigate' }),
			'console'
		],
		[
			'a navigation to a path that only starts like the console is not the console',
			facts(`${ORIGIN}/apple`, { mode: 'navigate' }),
			'passthrough'
		],
		[
			'a navigation to the home page goes to the network',
			facts(`${ORIGIN}/`, { mode: 'navigate' }),
			'passthrough'
		],
		[
			'a navigation to sign-up goes to the network',
			facts(`${ORIGIN}/signup`, { mode: 'navigate' }),
			'passthrough'
		],
		['the app server API is never cached', facts(`${ORIGIN}/api/pairing`), 'passthrough'],
		['the API root is never cached', facts(`${ORIGIN}/api`), 'passthrough'],
		[
			'a navigation to the API is not the console',
			facts(`${ORIGIN}/api/app`, { mode: 'navigate' }),
			'passthrough'
		],
		[
			'the Supabase API on another origin is left alone',
			facts('https://abc.supabase.co/rest/v1/messages'),
			'passthrough'
		],
		[
			'another origin with a build-like path is left alone',
			facts('https://cdn.example.net/_app/immutable/entry/start.abc123.js'),
			'passthrough'
		],
		[
			'writes go to the network',
			facts(`${ORIGIN}/icons/icon-192.png`, { method: 'POST' }),
			'passthrough'
		],
		[
			'byte ranges go to the network',
			facts(`${ORIGIN}/icons/icon-192.png`, { hasRange: true }),
			'passthrough'
		],
		[
			'an unknown same-origin file goes to the network',
			facts(`${ORIGIN}/_app/version.json`),
			'passthrough'
		],
		[
			'a stale build file name goes to the network',
			facts(`${ORIGIN}/_app/immutable/entry/start.old999.js`),
			'passthrough'
		]
	];

	for (const [name, request, expected] of cases) {
		it(name, () => {
			expect(routeRequest(request, scope)).toBe(expected);
		});
	}

	it('honours a base path', () => {
		const based: WorkerScope = {
			...scope,
			base: '/parley',
			build: new Set(['/parley/_app/immutable/a.js'])
		};
		expect(routeRequest(facts(`${ORIGIN}/parley/app`, { mode: 'navigate' }), based)).toBe(
			'console'
		);
		expect(routeRequest(facts(`${ORIGIN}/app`, { mode: 'navigate' }), based)).toBe('passthrough');
		expect(routeRequest(facts(`${ORIGIN}/parley/api/x`), based)).toBe('passthrough');
		expect(routeRequest(facts(`${ORIGIN}/parley/_app/immutable/a.js`), based)).toBe('immutable');
	});
});

describe('shellMatchesBuild', () => {
	const prefix = '/_app/immutable/';
	const shell = `<link href="/_app/immutable/assets/0.def.css" rel="stylesheet">
		<script>import("/_app/immutable/entry/start.abc123.js")</script>`;

	it('accepts a shell that loads only this build’s files', () => {
		expect(shellMatchesBuild(shell, scope.build, prefix)).toBe(true);
	});

	it('rejects a shell from another build', () => {
		const other = shell.replace('start.abc123', 'start.zzz999');
		expect(shellMatchesBuild(other, scope.build, prefix)).toBe(false);
	});

	it('rejects a page that loads no build files at all, such as a proxy’s error page', () => {
		expect(shellMatchesBuild('<h1>502 Bad Gateway</h1>', scope.build, prefix)).toBe(false);
	});
});

describe('isSkipWaitingMessage', () => {
	it('recognises workbox-window’s message and nothing else', () => {
		expect(isSkipWaitingMessage({ type: 'SKIP_WAITING' })).toBe(true);
		expect(isSkipWaitingMessage({ type: 'OTHER' })).toBe(false);
		expect(isSkipWaitingMessage('SKIP_WAITING')).toBe(false);
		expect(isSkipWaitingMessage(null)).toBe(false);
	});
});
