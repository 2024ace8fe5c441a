/** Spanish strings of the call screen (see en/calls.ts). */
import type { calls as en } from '../en/calls.ts';
import type { Translation } from '../languages.ts';

export const calls = {
	title: 'Llamada con {{name}}',
	someone: 'la otra persona',
	audio: 'Llamada de voz',
	video: 'Videollamada',
	preparing: 'Activando la cámara y el micrófono…',
	outgoing: 'Llamando a {{name}}…',
	incoming: '{{name}} te está llamando',
	incomingAudio: 'Llamada de voz entrante',
	incomingVideo: 'Videollamada entrante',
	connecting: 'Conectando…',
	reconnecting: 'Se ha perdido la conexión. Reconectando…',
	accept: 'Aceptar',
	decline: 'Rechazar',
	mute: 'Silenciar el micrófono',
	cameraOff: 'Apagar la cámara',
	switchCamera: 'Cambiar de cámara',
	output: 'Salida de sonido',
	more: 'Más opciones',
	outputDefault: 'La predeterminada de este dispositivo',
	outputUnnamed: 'Altavoz {{n}}',
	outputFailed: 'El sonido no ha podido ir a esa salida: {{message}}',
	speaker: 'Sonido de la otra persona',
	hangup: 'Colgar',
	close: 'Cerrar',
	you: 'Tu cámara',
	them: 'Vídeo de {{name}}',
	cameraIsOff: 'Cámara apagada',
	minimize: 'Volver a la conversación',
	restore: 'Volver a la llamada',
	effects: 'Efectos',
	effectsTitle: 'Efectos en tu vídeo',
	badge: 'Etiqueta con el nombre',
	logo: 'Logotipo del sitio',
	ended: {
		hangup: 'Llamada finalizada',
		'remote-hangup': 'La otra persona ha colgado',
		declined: 'Has rechazado la llamada',
		'remote-declined': 'Han rechazado la llamada',
		cancelled: 'Se ha cancelado la llamada',
		missed: 'Sin respuesta',
		busy: 'Ya hay una llamada en curso en esta conversación',
		closed: 'Esta conversación está cerrada',
		'answered-elsewhere': 'Respondida en otro dispositivo',
		'media-denied':
			'Se ha denegado el acceso a la cámara o al micrófono. Permítelo en la configuración del navegador e inténtalo de nuevo.',
		'media-missing': 'No se ha encontrado ninguna cámara ni micrófono en este dispositivo.',
		unsupported: 'Las llamadas no funcionan en este navegador.',
		'ice-failed':
			'No se ha podido conectar: las redes de ambos lados bloquean la conexión directa y ningún servidor de retransmisión ha respondido.',
		lost: 'Se ha perdido la conexión y no se ha podido recuperar.',
		failed: 'La llamada ha fallado.'
	}
} as const satisfies Translation<typeof en>;
