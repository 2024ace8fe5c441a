import { describe, expect, it } from 'vitest';
import { Mailbox, textOf } from './mailbox.ts';

const mail = (to: string, subject: string, html = '<p>hello</p>') => ({
	from: { Name: 'Parley', Address: 'admin@email.com' },
	to: [{ Name: '', Address: to }],
	subject,
	html,
	text: textOf(html)
});

describe('the mail catcher', () => {
	it('turns an HTML mail into text with its links written out', () => {
		expect(
			textOf(
				'<h2>Reset</h2>\n\n<p>Follow <a href="https://x.test/v?a=1&amp;b=2">this</a> &amp; go.</p>'
			)
		).toBe('Reset\n\nFollow this ( https://x.test/v?a=1&b=2 ) & go.');
		expect(textOf('<p>from ana&#43;old@x.test to &#34;ana&#34;</p>')).toBe(
			'from ana+old@x.test to "ana"'
		);
	});

	it('keeps mail newest first, up to its limit', () => {
		const box = new Mailbox(2);
		box.keep(mail('a@x.test', 'one'));
		box.keep(mail('b@x.test', 'two'));
		box.keep(mail('c@x.test', 'three'));
		expect(box.all().map((m) => m.Subject)).toEqual(['three', 'two']);
		expect(box.get('latest')?.Subject).toBe('three');
	});

	it('searches by to, from, subject (quoted or not) and words, all of them', () => {
		const box = new Mailbox();
		box.keep(mail('ana@x.test', 'Reset your password', '<p>choose a new one</p>'));
		box.keep(mail('bo@x.test', 'Confirm your signup'));
		expect(box.search('to:ana@x.test').map((m) => m.Subject)).toEqual(['Reset your password']);
		expect(box.search('subject:"your signup"').map((m) => m.To[0].Address)).toEqual(['bo@x.test']);
		expect(box.search('from:admin@email.com')).toHaveLength(2);
		expect(box.search('to:ana@x.test new')).toHaveLength(1);
		expect(box.search('to:ana@x.test nothing-like-it')).toHaveLength(0);
	});

	it('deletes the given mail, or all', () => {
		const box = new Mailbox();
		const a = box.keep(mail('a@x.test', 'a'));
		box.keep(mail('b@x.test', 'b'));
		expect(box.delete([a.ID, 'unknown'])).toBe(1);
		expect(box.all().map((m) => m.Subject)).toEqual(['b']);
		expect(box.delete([])).toBe(1);
		expect(box.all()).toEqual([]);
	});
});
