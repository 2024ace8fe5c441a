import { describe, expect, it } from 'vitest';
import { siteWriteProblem } from './errors.ts';

const violation = (constraint: string) => ({
	code: '23514',
	message: `new row for relation "sites" violates check constraint "${constraint}"`
});

describe('siteWriteProblem', () => {
	it.each([
		['sites_name_not_blank', 'name', 'siteForm.errors.nameRequired'],
		['sites_allowed_origins_are_origins', 'origins', 'siteForm.errors.originsRefused'],
		['sites_greeting_length', 'greeting', 'siteForm.errors.greetingLimit'],
		['sites_widget_color_hex', 'widget_color', 'siteForm.errors.color']
	])('maps constraint %s to the %s field', (constraint, field, key) => {
		expect(siteWriteProblem(violation(constraint))).toMatchObject({
			kind: 'field',
			field,
			problem: { key }
		});
	});

	it('calls a permission error forbidden', () => {
		expect(siteWriteProblem({ code: '42501', message: 'permission denied' })).toEqual({
			kind: 'forbidden'
		});
	});

	it('passes anything else through with its message', () => {
		expect(siteWriteProblem(violation('something_else'))).toEqual({
			kind: 'other',
			message: violation('something_else').message
		});
		expect(siteWriteProblem({ message: 'Failed to fetch' })).toEqual({
			kind: 'other',
			message: 'Failed to fetch'
		});
	});
});
