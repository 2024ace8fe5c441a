/** Filtering the live visitor list by page, language and new/returning. */
import type { VisitorRow } from './types.ts';

export type Recurrence = 'all' | 'new' | 'returning';

export interface VisitorFilter {
	/** Part of the current page's URL or title, case-insensitive; '' for any page. */
	page: string;
	/** A primary language subtag such as 'de' ('de-AT' matches it); '' for any. */
	language: string;
	recurrence: Recurrence;
}

export const NO_FILTER: VisitorFilter = { page: '', language: '', recurrence: 'all' };

/** True when a visitor is on a later visit than their first. */
export function isReturning(row: Pick<VisitorRow, 'visit_count'>): boolean {
	return row.visit_count > 1;
}

/** The primary language subtag of a tag, lower-case ('pt-BR' → 'pt'); '' when there is none. */
export function primaryLanguage(tag: string): string {
	return tag.trim().split(/[-_]/)[0].toLowerCase();
}

/** Whether a filter narrows anything. */
export function isFiltering(filter: VisitorFilter): boolean {
	return filter.page.trim() !== '' || filter.language !== '' || filter.recurrence !== 'all';
}

/** The visitors a filter lets through, in their given order. */
export function filterVisitors(rows: readonly VisitorRow[], filter: VisitorFilter): VisitorRow[] {
	if (!isFiltering(filter)) return [...rows];
	const page = filter.page.trim().toLowerCase();
	return rows.filter(
		(row) =>
			(page === '' ||
				row.current_url.toLowerCase().includes(page) ||
				row.current_title.toLowerCase().includes(page)) &&
			(filter.language === '' || primaryLanguage(row.language) === filter.language) &&
			(filter.recurrence === 'all' || (filter.recurrence === 'returning') === isReturning(row))
	);
}

/** The languages present, most visitors first, for the language filter's choices. */
export function languagesOf(rows: Iterable<VisitorRow>): string[] {
	const counts = new Map<string, number>();
	for (const row of rows) {
		const lang = primaryLanguage(row.language);
		if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1);
	}
	return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l]) => l);
}
