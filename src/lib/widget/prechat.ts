/** The widget's forms: which fields a site asks for, and what is wrong with what was typed. */

/** How a site asks for a pre-chat field. */
export type FieldRule = 'off' | 'optional' | 'required';

export const asRule = (value: unknown): FieldRule =>
	value === 'required' || value === 'optional' ? value : 'off';

/** The same rule as the database: one @, no spaces, a dot in the domain, ≤ 320 chars. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
export const NAME_MAX_CHARS = 100;
export const EMAIL_MAX_CHARS = 320;

export type FieldError = 'nameRequired' | 'emailRequired' | 'emailInvalid' | 'messageRequired';

/** Checks pre-chat fields against the site's rules; empty means nothing is wrong. */
export function checkContact(
	fields: { name: string; email: string },
	rules: { name: FieldRule; email: FieldRule }
): { name?: FieldError; email?: FieldError } {
	const errors: { name?: FieldError; email?: FieldError } = {};
	const name = fields.name.trim();
	const email = fields.email.trim();
	if (rules.name === 'required' && !name) errors.name = 'nameRequired';
	if (rules.email === 'required' && !email) errors.email = 'emailRequired';
	else if (
		rules.email !== 'off' &&
		email &&
		!(EMAIL.test(email) && email.length <= EMAIL_MAX_CHARS)
	)
		errors.email = 'emailInvalid';
	return errors;
}

/** Whether the widget shows the pre-chat form before a new conversation. */
export const needsPrechat = (rules: { name: FieldRule; email: FieldRule }) =>
	rules.name !== 'off' || rules.email !== 'off';
