/** Spanish strings of the call's effects sheet (see en/call-effects.ts). */
import type { callEffects as en } from '../en/call-effects.ts';
import type { Translation } from '../languages.ts';

export const callEffects = {
	overlays: 'Encima',
	background: 'Fondo',
	backgroundNone: 'Ninguno',
	backgroundBlur: 'Desenfocar',
	backgroundImages: {
		dawn: 'Amanecer',
		lagoon: 'Laguna',
		studio: 'Estudio',
		meadow: 'Pradera'
	},
	backgroundLoading: 'Cargando los efectos de fondo…',
	siteBackground: 'Imagen del sitio {{n}}',
	siteBackgroundsLoading: 'Cargando las imágenes del sitio…',
	siteBackgroundsFailed: 'No se han podido cargar las imágenes del sitio.',
	backgroundLocal: 'Se procesa en este dispositivo: la imagen no se envía a ningún sitio.',
	backgroundsUnavailable:
		'Los efectos de fondo no están disponibles en este dispositivo: {{reason}}',
	backgroundProblem: {
		'no-webassembly': 'este navegador no puede ejecutar WebAssembly.',
		'no-canvas': 'este navegador no puede procesar fotogramas de vídeo.',
		'load-failed': 'no se ha cargado la detección de personas.',
		'too-slow': 'aquí va demasiado lento para seguir el ritmo de la cámara.'
	}
} as const satisfies Translation<typeof en>;
