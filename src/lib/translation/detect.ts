/**
 * The visitor's language from their first messages, offline (Apertium cannot detect, and a
 * visitor's browser may speak another language than they write). The browser's language is
 * the first guess; detection on the first few messages confirms or corrects it, and an agent's
 * correction is never overridden.
 */
import { parseTag } from './tags.ts';

/** How many of the visitor's first text messages are looked at. */
export const DETECT_FIRST_MESSAGES = 3;
/** Fewer letters than this say too little about a language ("ok", "hi"). */
export const DETECT_MIN_LETTERS = 12;

/** Where a conversation's visitor language came from. */
export type LanguageSource = 'browser' | 'detected' | 'agent';

/** A language detector: an ISO 639-1 code ('' when none) and whether it is sure. */
export type Detector = (text: string) => { language: string; reliable: boolean };

/** What the visitor wrote, as detection reads it: links, addresses and numbers left out. */
export function detectionSample(bodies: readonly string[]): string {
	return bodies
		.slice(0, DETECT_FIRST_MESSAGES)
		.join('\n')
		.replace(/\b(?:https?:\/\/|www\.)\S+/giu, ' ')
		.replace(/\S+@\S+\.\S+/gu, ' ')
		.replace(/[\p{N}_]+/gu, ' ')
		.replace(/\s+/gu, ' ')
		.trim();
}

const letters = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;

/**
 * The visitor language to keep after looking at their first messages, or null to keep the
 * current one as it is: an agent set it, it was already detected, the text is too short, or
 * the detector is unsure. The browser's tag is kept when it names the detected language
 * (`es-ES` stays rather than becoming `es`).
 */
export function decideLanguage(
	current: { language: string; source: LanguageSource },
	bodies: readonly string[],
	detect: Detector
): { language: string; source: 'detected' } | null {
	if (current.source !== 'browser') return null;
	const sample = detectionSample(bodies);
	if (letters(sample) < DETECT_MIN_LETTERS) return null;
	const found = detect(sample);
	const detected = found.reliable ? parseTag(found.language) : null;
	if (!detected) return null;
	const browser = parseTag(current.language);
	if (browser?.language === detected.language) return { language: browser.tag, source: 'detected' };
	return { language: detected.tag, source: 'detected' };
}
