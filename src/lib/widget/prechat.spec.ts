import { describe, expect, it } from 'vitest';
import { asRule, checkContact, needsPrechat } from './prechat.ts';

describe('pre-chat rules', () => {
	const cases: [
		string,
		{ name: string; email: string },
		Parameters<typeof checkContact>[1],
		object
	][] = [
		['nothing asked, nothing wrong', { name: '', email: '' }, { name: 'off', email: 'off' }, {}],
		[
			'a required name must be given',
			{ name: ' ', email: '' },
			{ name: 'required', email: 'off' },
			{ name: 'nameRequired' }
		],
		[
			'an optional name may be empty',
			{ name: '', email: '' },
			{ name: 'optional', email: 'optional' },
			{}
		],
		[
			'a required email must be given',
			{ name: '', email: '' },
			{ name: 'off', email: 'required' },
			{ email: 'emailRequired' }
		],
		[
			'an optional email must still look right',
			{ name: '', email: 'nope' },
			{ name: 'off', email: 'optional' },
			{ email: 'emailInvalid' }
		],
		[
			'a good email passes',
			{ name: 'Ann', email: 'ann@shop.test' },
			{ name: 'required', email: 'required' },
			{}
		],
		[
			'an email with a space fails',
			{ name: '', email: 'a b@c.de' },
			{ name: 'off', email: 'required' },
			{ email: 'emailInvalid' }
		]
	];
	for (const [name, fields, rules, errors] of cases)
		it(name, () => expect(checkContact(fields, rules)).toEqual(errors));

	it('shows the form only when a field is asked for', () => {
		expect(needsPrechat({ name: 'off', email: 'off' })).toBe(false);
		expect(needsPrechat({ name: 'optional', email: 'off' })).toBe(true);
	});

	it('reads unknown rules as off', () => {
		expect(asRule('required')).toBe('required');
		expect(asRule('weird')).toBe('off');
		expect(asRule(undefined)).toBe('off');
	});
});
