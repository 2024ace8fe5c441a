/**
 * Strings of the call's effects sheet (backgrounds and overlays), read by the call screen's `ct`
 * with calls.ts. Kept apart from calls.ts, which the console's i18n bundle (en.ts) carries on
 * first load: these load only with the call screen, like the effects themselves.
 */
export const callEffects = {
	overlays: 'On top',
	background: 'Background',
	backgroundNone: 'None',
	backgroundBlur: 'Blur',
	backgroundImages: {
		dawn: 'Dawn',
		lagoon: 'Lagoon',
		studio: 'Studio',
		meadow: 'Meadow'
	},
	siteBackground: 'Site picture {{n}}',
	siteBackgroundsLoading: 'Loading the site’s pictures…',
	siteBackgroundsFailed: 'The site’s own pictures did not load.',
	backgroundLoading: 'Loading background effects…',
	backgroundLocal: 'Worked out on this device: no picture is sent anywhere to do it.',
	backgroundsUnavailable: 'Background effects are not available on this device: {{reason}}',
	backgroundProblem: {
		'no-webassembly': 'this browser cannot run WebAssembly.',
		'no-canvas': 'this browser cannot process video frames.',
		'load-failed': 'person detection did not load.',
		'too-slow': 'it is too slow here to keep up with the camera.'
	}
} as const;
