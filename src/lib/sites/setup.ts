/**
 * The setup checklist at the top of a site's page: what an operator has done of the first
 * steps, worked out from facts the page already follows live.
 */

export const SETUP_STEPS = ['created', 'installed', 'paired', 'conversation'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** What the checklist is worked out from. */
export interface SetupFacts {
	/** When the snippet's first page view arrived, or null. */
	installedAt: string | null;
	/** Agents on the staff now. */
	agents: number;
	/** Pairing links that have been opened (the agent may have been removed since). */
	usedInvitations: number;
	/** Whether a conversation has ever started; null while unknown. */
	hasConversation: boolean | null;
}

export interface SetupItem {
	step: SetupStep;
	done: boolean;
}

/** The checklist, in order; a site exists, so its first step is always done. */
export function setupChecklist(facts: SetupFacts): SetupItem[] {
	const done: Record<SetupStep, boolean> = {
		created: true,
		installed: facts.installedAt !== null,
		paired: facts.agents > 0 || facts.usedInvitations > 0,
		conversation: facts.hasConversation === true
	};
	return SETUP_STEPS.map((step) => ({ step, done: done[step] }));
}

/** The first step not done yet, or null when setup is complete. */
export function nextSetupStep(items: SetupItem[]): SetupStep | null {
	return items.find((item) => !item.done)?.step ?? null;
}
