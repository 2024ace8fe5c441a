/** Message rows for the conversation specs: `row('a', 3)` is created at 12:00:03 UTC. */
import type { MessageRow } from './types.ts';

export const T = (s: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, s)).toISOString();

export function row(id: string, s: number, extra: Partial<MessageRow> = {}): MessageRow {
	return {
		id,
		conversation_id: 'c',
		sender_id: 'v',
		sender_kind: 'visitor',
		kind: 'text',
		body: id,
		attachment: null,
		created_at: T(s),
		delivered_at: null,
		read_at: null,
		...extra
	};
}
