/** Times and days as the chat shows them, in the reader's locale. */
import { relativeDay } from '$lib/conversations/timeline.ts';
import { formatBytes } from '$lib/conversations/attachments.ts';
import type { Language } from '$lib/i18n/languages.ts';
import { interfaceLanguage } from '$lib/i18n/locale.ts';
import { wt } from './strings.ts';

const formats = new Map<Language, { time: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();
/** The interface language's formats, made once per language. */
function format() {
	const language = interfaceLanguage();
	let f = formats.get(language);
	if (!f)
		formats.set(
			language,
			(f = {
				time: new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }),
				date: new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long' })
			})
		);
	return f;
}

/** "14:05" or "2:05 PM". */
export const formatTime = (iso: string) => format().time.format(new Date(iso));

/** A file size in the interface language ("5.2 MB", "5,2 Mo"). */
export const formatSize = (bytes: number) => formatBytes(bytes, interfaceLanguage());

/** "Today", "Yesterday" or "Monday, 30 November". */
export function formatDay(day: Date, now = new Date()): string {
	const rel = relativeDay(day, now);
	return rel === 'today'
		? wt('chat.today')
		: rel === 'yesterday'
			? wt('chat.yesterday')
			: format().date.format(day);
}
