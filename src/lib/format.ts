/** Small formatting and clipboard helpers the pages share. */
import { interfaceLanguage } from '$lib/i18n/locale.ts';

/** A date and time in the interface language, e.g. "25 Nov 2026, 14:05". */
export function formatDateTime(iso: string, locale: string = interfaceLanguage()): string {
	return new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Copies text; false when the browser refuses (insecure origin, denied permission). */
export async function copyText(clipboard: Pick<Clipboard, 'writeText'> | undefined, text: string) {
	if (!clipboard) return false;
	try {
		await clipboard.writeText(text);
		return true;
	} catch {
		return false;
	}
}
