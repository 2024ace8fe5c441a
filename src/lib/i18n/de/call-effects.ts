/** German strings of the call's effects sheet (see en/call-effects.ts). */
import type { callEffects as en } from '../en/call-effects.ts';
import type { Translation } from '../languages.ts';

export const callEffects = {
	overlays: 'Darüber',
	background: 'Hintergrund',
	backgroundNone: 'Keiner',
	backgroundBlur: 'Weichzeichnen',
	backgroundImages: {
		dawn: 'Morgenrot',
		lagoon: 'Lagune',
		studio: 'Studio',
		meadow: 'Wiese'
	},
	backgroundLoading: 'Hintergrundeffekte werden geladen…',
	siteBackground: 'Bild der Website {{n}}',
	siteBackgroundsLoading: 'Die Bilder der Website werden geladen…',
	siteBackgroundsFailed: 'Die Bilder der Website konnten nicht geladen werden.',
	backgroundLocal: 'Wird auf diesem Gerät berechnet: Dafür wird kein Bild irgendwohin gesendet.',
	backgroundsUnavailable: 'Hintergrundeffekte sind auf diesem Gerät nicht verfügbar: {{reason}}',
	backgroundProblem: {
		'no-webassembly': 'Dieser Browser kann kein WebAssembly ausführen.',
		'no-canvas': 'Dieser Browser kann keine Videobilder verarbeiten.',
		'load-failed': 'Die Personenerkennung wurde nicht geladen.',
		'too-slow': 'Das Gerät ist zu langsam, um mit der Kamera Schritt zu halten.'
	}
} as const satisfies Translation<typeof en>;
