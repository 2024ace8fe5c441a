import { describe, expect, it } from 'vitest';
import { alreadyShown, clickPath, parsePushPayload, pickWindow } from './notification.ts';

const ID = '11111111-1111-4111-8111-111111111111';
const OFFER = '22222222-2222-4222-8222-222222222222';
const payload = {
	v: 1,
	kind: 'message',
	conversationId: ID,
	title: 'Ana',
	body: 'hi',
	tag: ID,
	url: `/app/conversations/${ID}`,
	count: 2
};

describe('parsePushPayload', () => {
	it('reads the server payload and derives tag and URL from the conversation id', () => {
		const p = parsePushPayload(
			JSON.stringify({ ...payload, url: 'https://evil.example', tag: 'x' })
		);
		expect(p).toEqual(payload);
	});
	it.each([
		['', 'empty'],
		['not json', 'not JSON'],
		[JSON.stringify({ ...payload, v: 2 }), 'another version'],
		[JSON.stringify({ ...payload, kind: 'spam' }), 'unknown kind'],
		[JSON.stringify({ ...payload, conversationId: '../x' }), 'bad id'],
		[JSON.stringify({ ...payload, title: 3 }), 'bad title']
	])('refuses %s (%s)', (text) => {
		expect(parsePushPayload(text)).toBeNull();
	});
});

describe('alreadyShown', () => {
	const p = parsePushPayload(JSON.stringify(payload))!;
	it('is true only for a focused, visible window on that conversation', () => {
		const url = `https://chat.example${payload.url}`;
		expect(alreadyShown(p, [{ url, focused: true, visibilityState: 'visible' }])).toBe(true);
		expect(alreadyShown(p, [{ url, focused: false, visibilityState: 'visible' }])).toBe(false);
		expect(alreadyShown(p, [{ url, focused: true, visibilityState: 'hidden' }])).toBe(false);
		expect(
			alreadyShown(p, [
				{ url: 'https://chat.example/app', focused: true, visibilityState: 'visible' }
			])
		).toBe(false);
	});
});

describe('pickWindow and clickPath', () => {
	it('prefers a console window and opens only console conversation paths', () => {
		const w = [{ url: 'https://c.example/sites' }, { url: 'https://c.example/app/settings' }];
		expect(pickWindow(w)).toBe(w[1]);
		expect(pickWindow([w[0]])).toBe(w[0]);
		expect(clickPath({ url: `/app/conversations/${ID}` })).toBe(`/app/conversations/${ID}`);
		expect(clickPath({ url: 'https://evil.example/' })).toBe('/app/conversations');
		expect(clickPath(null)).toBe('/app/conversations');
	});
	it('opens a transfer offer’s outcome, only for an offer id of the right shape', () => {
		const url = `/app/conversations/${ID}`;
		expect(clickPath({ url, offer: OFFER })).toBe(`${url}?offer=${OFFER}`);
		expect(clickPath({ url, offer: 'x&y=1' })).toBe(url);
		expect(clickPath({ url: 'https://evil.example/', offer: OFFER })).toBe('/app/conversations');
	});
});

describe('a transfer offer’s id in the payload', () => {
	it('is kept for an offer and dropped for other kinds or other shapes', () => {
		const offered = { ...payload, kind: 'transfer_offered', offer: OFFER };
		expect(parsePushPayload(JSON.stringify(offered))?.offer).toBe(OFFER);
		expect(parsePushPayload(JSON.stringify({ ...offered, kind: 'message' }))?.offer).toBe(
			undefined
		);
		expect(parsePushPayload(JSON.stringify({ ...offered, offer: '../x' }))?.offer).toBe(undefined);
	});
});
