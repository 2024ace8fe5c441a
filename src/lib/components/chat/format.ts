/** Times and days as the chat shows them, in the reader's locale. */
import { relativeDay } from '$lib/conversations/timeline.ts';
import { wt } from './strings.ts';

const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const date = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

/** "14:05" or "2:05 PM". */
export const formatTime = (iso: string) => time.format(new Date(iso));

/** "Today", "Yesterday" or "Monday, 30 November". */
export function formatDay(day: Date, now = new Date()): string {
	const rel = relativeDay(day, now);
	return rel === 'today'
		? wt('chat.today')
		: rel === 'yesterday'
			? wt('chat.yesterday')
			: date.format(day);
}
