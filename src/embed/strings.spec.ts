import { describe, expect, it } from 'vitest';
import { CHAT, unreadSuffix } from './strings';

describe('snippet strings', () => {
	it('name the launcher with the unread count', () => {
		expect(CHAT + unreadSuffix(3)).toBe('Chat, 3 unread');
	});
});
