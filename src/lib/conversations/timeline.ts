/**
 * How a message list is laid out: day separators, system events, and runs of messages from
 * one sender (one name and avatar per run, one time per run's last message). Pure, so the
 * list component only renders it.
 */
import type { ChatMessage } from './types.ts';

/** Messages of one sender further apart than this start a new run. */
export const GROUP_GAP_MS = 5 * 60_000;

export type TimelineItem =
	| { kind: 'day'; key: string; date: Date }
	| { kind: 'event'; key: string; message: ChatMessage }
	| {
			kind: 'run';
			key: string;
			senderKind: 'visitor' | 'agent';
			senderId: string | null;
			messages: ChatMessage[];
	  };

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;

/** Lays out messages (already in order) in the viewer's local days. */
export function timeline(messages: readonly ChatMessage[]): TimelineItem[] {
	const items: TimelineItem[] = [];
	let day = '';
	let run: Extract<TimelineItem, { kind: 'run' }> | null = null;
	for (const m of messages) {
		const at = new Date(m.created_at);
		if (dayKey(at) !== day) {
			day = dayKey(at);
			items.push({ kind: 'day', key: `day-${day}`, date: at });
			run = null;
		}
		if (m.sender_kind === 'system' || m.kind === 'event') {
			items.push({ kind: 'event', key: m.id, message: m });
			run = null;
			continue;
		}
		const last = run?.messages.at(-1);
		if (
			run &&
			last &&
			run.senderKind === m.sender_kind &&
			run.senderId === m.sender_id &&
			at.getTime() - Date.parse(last.created_at) <= GROUP_GAP_MS
		) {
			run.messages.push(m);
		} else {
			run = {
				kind: 'run',
				key: `run-${m.id}`,
				senderKind: m.sender_kind,
				senderId: m.sender_id,
				messages: [m]
			};
			items.push(run);
		}
	}
	return items;
}

/** "today", "yesterday" or null (then the date is shown) for a day relative to `now`. */
export function relativeDay(date: Date, now: Date): 'today' | 'yesterday' | null {
	if (dayKey(date) === dayKey(now)) return 'today';
	const yesterday = new Date(now);
	yesterday.setDate(now.getDate() - 1);
	return dayKey(date) === dayKey(yesterday) ? 'yesterday' : null;
}
