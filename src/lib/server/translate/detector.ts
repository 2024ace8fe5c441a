/**
 * The offline language detector: eld's small n-gram set (about 1.6 MB), loaded on first use and
 * kept on the server only, so neither the widget nor the console carries it.
 */
import type { Detector } from '../../translation/detect.ts';

let loading: Promise<Detector> | null = null;

/** The detector, loaded once. */
export function loadDetector(): Promise<Detector> {
	loading ??= import('eld/small').then(({ eld }) => (text: string) => {
		const result = eld.detect(text);
		return { language: result.language, reliable: result.isReliable() };
	});
	loading.catch(() => (loading = null));
	return loading;
}
