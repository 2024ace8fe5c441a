import { describe, expect, it } from 'vitest';
import { nextSetupStep, setupChecklist, type SetupFacts } from './setup.ts';

const FRESH: SetupFacts = {
	installedAt: null,
	agents: 0,
	usedInvitations: 0,
	hasConversation: null
};

describe('setupChecklist', () => {
	it('starts with only the site created, and the snippet as the next step', () => {
		const items = setupChecklist(FRESH);
		expect(items.map((i) => [i.step, i.done])).toEqual([
			['created', true],
			['installed', false],
			['paired', false],
			['conversation', false]
		]);
		expect(nextSetupStep(items)).toBe('installed');
	});

	it('counts an agent paired once even after they were removed', () => {
		const items = setupChecklist({ ...FRESH, usedInvitations: 1 });
		expect(items.find((i) => i.step === 'paired')?.done).toBe(true);
	});

	it('is complete when every step is done', () => {
		const items = setupChecklist({
			installedAt: '2026-12-01T10:00:00Z',
			agents: 2,
			usedInvitations: 2,
			hasConversation: true
		});
		expect(items.every((i) => i.done)).toBe(true);
		expect(nextSetupStep(items)).toBeNull();
	});
});
