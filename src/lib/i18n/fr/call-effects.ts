/** French strings of the call's effects sheet (see en/call-effects.ts). */
import type { callEffects as en } from '../en/call-effects.ts';
import type { Translation } from '../languages.ts';

export const callEffects = {
	overlays: 'Par-dessus',
	background: 'Arrière-plan',
	backgroundNone: 'Aucun',
	backgroundBlur: 'Flou',
	backgroundImages: {
		dawn: 'Aube',
		lagoon: 'Lagon',
		studio: 'Studio',
		meadow: 'Prairie'
	},
	backgroundLoading: 'Chargement des effets d’arrière-plan…',
	siteBackground: 'Image du site {{n}}',
	siteBackgroundsLoading: 'Chargement des images du site…',
	siteBackgroundsFailed: 'Les images du site n’ont pas pu être chargées.',
	backgroundLocal: 'Calculé sur cet appareil : aucune image n’est envoyée où que ce soit.',
	backgroundsUnavailable:
		'Les effets d’arrière-plan ne sont pas disponibles sur cet appareil : {{reason}}',
	backgroundProblem: {
		'no-webassembly': 'ce navigateur ne peut pas exécuter WebAssembly.',
		'no-canvas': 'ce navigateur ne peut pas traiter les images vidéo.',
		'load-failed': 'la détection de personne ne s’est pas chargée.',
		'too-slow': 'l’appareil est trop lent pour suivre la caméra.'
	}
} as const satisfies Translation<typeof en>;
