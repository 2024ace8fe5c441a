import { expect, it } from 'vitest';
import { displayName, isPairedAgent } from './display.ts';

it('names an agent by the display name their owner gave them', () => {
	expect(
		displayName({ email: 'agent-1@agents.parley.invalid', user_metadata: { display_name: 'Sam' } })
	).toBe('Sam');
});

it('falls back to the email when there is no usable display name', () => {
	expect(displayName({ email: 'ana@example.com', user_metadata: {} })).toBe('ana@example.com');
	expect(displayName({ email: 'ana@example.com', user_metadata: { display_name: '  ' } })).toBe(
		'ana@example.com'
	);
	expect(displayName({ email: 'ana@example.com', user_metadata: { display_name: 42 } })).toBe(
		'ana@example.com'
	);
});

it('knows a paired agent by the role the pairing route gave them', () => {
	expect(isPairedAgent({ app_metadata: { provider: 'email', parley_role: 'agent' } })).toBe(true);
	expect(isPairedAgent({ app_metadata: { provider: 'email' } })).toBe(false);
});
