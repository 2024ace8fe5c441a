import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	VISIBLE_REPORT_EVERY_MS,
	startVisibilityReport,
	type VisibilitySource
} from './visibility.ts';

afterEach(() => vi.useRealTimers());

function fakeDoc(state: DocumentVisibilityState) {
	let listener: (() => void) | null = null;
	const doc = {
		visibilityState: state,
		addEventListener: (_: string, l: () => void) => (listener = l),
		removeEventListener: () => (listener = null)
	};
	return {
		doc: doc as VisibilitySource,
		set(next: DocumentVisibilityState) {
			doc.visibilityState = next;
			listener?.();
		}
	};
}

describe('startVisibilityReport', () => {
	it('reports visible now and every 30 s, hidden on a change and when stopped', async () => {
		vi.useFakeTimers();
		const sent: boolean[] = [];
		const db = {
			rpc: async (_: string, a: { visible: boolean }) => (sent.push(a.visible), { error: null })
		};
		const page = fakeDoc('visible');
		const stop = startVisibilityReport(db, page.doc);
		expect(sent).toEqual([true]);
		await vi.advanceTimersByTimeAsync(VISIBLE_REPORT_EVERY_MS * 2);
		expect(sent).toEqual([true, true, true]);
		page.set('hidden');
		await vi.advanceTimersByTimeAsync(VISIBLE_REPORT_EVERY_MS * 3);
		expect(sent).toEqual([true, true, true, false]);
		page.set('visible');
		stop();
		await vi.advanceTimersByTimeAsync(VISIBLE_REPORT_EVERY_MS * 3);
		expect(sent).toEqual([true, true, true, false, true, false]);
	});

	it('passes a refused report to onError', async () => {
		const errors: string[] = [];
		const db = { rpc: async () => ({ error: { message: 'not a member' } }) };
		startVisibilityReport(db, fakeDoc('hidden').doc, (m) => errors.push(m))();
		await new Promise((r) => setTimeout(r, 0));
		expect(errors).toEqual(['not a member', 'not a member']);
	});
});
