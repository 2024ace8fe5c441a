import { describe, expect, it } from 'vitest';
import { clockOffsetMs } from './clock.ts';
import { formatElapsed, pagePath, referrerHost } from './format.ts';
import { asVisitorEvent } from './site-events.ts';

describe('formatElapsed', () => {
	it.each([
		[0, '0:00'],
		[-5_000, '0:00'],
		[59_999, '0:59'],
		[61_000, '1:01'],
		[3_600_000, '1:00:00'],
		[3_725_000, '1:02:05']
	])('%d ms → %s', (ms, text) => {
		expect(formatElapsed(ms)).toBe(text);
	});
});

describe('referrerHost', () => {
	it.each([
		['', ''],
		['https://www.google.com/search?q=x', 'google.com'],
		['http://news.example:8080/a', 'news.example'],
		['android-app://not a url', 'android-app://not a url']
	])('%j → %j', (referrer, host) => {
		expect(referrerHost(referrer)).toBe(host);
	});
});

describe('pagePath', () => {
	it.each([
		['https://shop.test/cart?step=2#pay', '/cart?step=2#pay'],
		['https://shop.test', '/'],
		['nonsense', 'nonsense']
	])('%j → %j', (url, path) => {
		expect(pagePath(url)).toBe(path);
	});
});

describe('clockOffsetMs', () => {
	it('measures the server ahead of the device, at the round trip midpoint', () => {
		expect(
			clockOffsetMs(
				'2026-12-01T12:00:10.000Z',
				Date.parse('2026-12-01T12:00:00.000Z'),
				Date.parse('2026-12-01T12:00:00.200Z')
			)
		).toBe(9_900);
	});
	it('is zero when the answer is unreadable', () => {
		expect(clockOffsetMs('later', 0, 10)).toBe(0);
	});
});

describe('asVisitorEvent', () => {
	const full = {
		id: 'v',
		site_id: 's',
		last_seen_at: 't',
		ended_at: null,
		current_url: 'https://shop.test/',
		current_title: 'Home',
		referrer: '',
		language: 'en',
		user_agent: 'UA',
		screen: '1x1',
		pages_seen: 2,
		visit_count: 1,
		visit_started_at: 't0',
		created_at: 't0'
	};
	it.each([
		['a whole row', full, 'row'],
		['a row wrapped by broadcast_changes', { record: full, old_record: null }, 'row'],
		['a heartbeat', { id: 'v', site_id: 's', last_seen_at: 't', ended_at: null }, 'patch'],
		['a leave', { id: 'v', site_id: 's', last_seen_at: 't', ended_at: 't2' }, 'patch']
	])('reads %s', (_name, payload, kind) => {
		expect(asVisitorEvent(payload)?.kind).toBe(kind);
	});
	it.each([
		['nothing', null],
		['a list', []],
		['no id', { site_id: 's', last_seen_at: 't' }],
		['a numeric time', { id: 'v', site_id: 's', last_seen_at: 1 }]
	])('refuses %s', (_name, payload) => {
		expect(asVisitorEvent(payload)).toBeNull();
	});
});
