/** Spanish strings of attachments and voice messages (see en/attach.ts). */
import type { attach as en } from '../en/attach.ts';
import type { Translation } from '../languages.ts';

export const attach = {
	add: 'Adjuntar un archivo',
	camera: 'Hacer una foto',
	image: 'Imagen {{name}}',
	open: 'Abrir {{name}}',
	download: 'Descargar {{name}} ({{type}}, {{size}})',
	uploading: 'Subiendo {{percent}} %',
	waiting: 'Esperando conexión',
	cancel: 'Cancelar el envío de {{name}}',
	remove: 'Quitar',
	loading: 'Cargando…',
	unavailable: 'Ahora mismo no se pueden enviar archivos. Inténtalo de nuevo.',
	dismiss: 'Descartar',
	refused: {
		'too-large': '«{{name}}» es demasiado grande: el límite es {{max}}.',
		type: '«{{name}}» no se puede enviar: este tipo de archivo no está permitido.',
		empty: '«{{name}}» está vacío.'
	},
	kind: {
		pdf: 'PDF',
		image: 'Imagen',
		audio: 'Audio',
		video: 'Vídeo',
		text: 'Texto',
		document: 'Documento',
		spreadsheet: 'Hoja de cálculo',
		presentation: 'Presentación',
		archive: 'Archivo comprimido',
		file: 'Archivo'
	},
	voice: {
		record: 'Grabar un mensaje de voz',
		recording: 'Grabando {{duration}}',
		stop: 'Detener y enviar',
		cancel: 'Cancelar la grabación',
		play: 'Reproducir mensaje de voz ({{duration}})',
		pause: 'Pausar mensaje de voz',
		playing: 'Reproduciendo',
		queued: 'Siguiente',
		tapToPlay: 'Toca para reproducir',
		denied: 'El micrófono no está disponible. Permítelo en el navegador para grabar.',
		unsupported: 'Este navegador no puede grabar mensajes de voz.'
	}
} as const satisfies Translation<typeof en>;
