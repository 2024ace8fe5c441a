import { describe, expect, it } from 'vitest';
import { PresenceTopic } from './presence.ts';

function topic() {
	let n = 0;
	return new PresenceTopic<string>(() => String(++n));
}

describe('presence of one topic', () => {
	it('reports a track as a join and lists it in the state', () => {
		const p = topic();
		expect(p.track('sub-a', 'alice', { online: true })).toEqual({
			joins: { alice: { metas: [{ online: true, phx_ref: '1' }] } },
			leaves: {}
		});
		p.track('sub-b', 'alice', { device: 'phone' });
		expect(p.state()).toEqual({
			alice: {
				metas: [
					{ online: true, phx_ref: '1' },
					{ device: 'phone', phx_ref: '2' }
				]
			}
		});
	});

	it('replaces a subscription’s earlier meta when it tracks again', () => {
		const p = topic();
		p.track('sub-a', 'alice', { status: 'away' });
		expect(p.track('sub-a', 'alice', { status: 'online' })).toEqual({
			joins: { alice: { metas: [{ status: 'online', phx_ref: '2', phx_ref_prev: '1' }] } },
			leaves: { alice: { metas: [{ status: 'away', phx_ref: '1' }] } }
		});
		expect(p.size).toBe(1);
	});

	it('reports an untrack as a leave, and nothing for a subscription that tracked nothing', () => {
		const p = topic();
		p.track('sub-a', 'alice', {});
		expect(p.untrack('sub-a')).toEqual({
			joins: {},
			leaves: { alice: { metas: [{ phx_ref: '1' }] } }
		});
		expect(p.untrack('sub-a')).toBeNull();
		expect(p.state()).toEqual({});
	});
});
