/** German strings of attachments and voice messages (see en/attach.ts). */
import type { attach as en } from '../en/attach.ts';
import type { Translation } from '../languages.ts';

export const attach = {
	add: 'Datei anhängen',
	camera: 'Foto aufnehmen',
	image: 'Bild {{name}}',
	open: '{{name}} öffnen',
	download: '{{name}} herunterladen ({{type}}, {{size}})',
	uploading: 'Wird hochgeladen: {{percent}} %',
	waiting: 'Warte auf Verbindung',
	cancel: 'Senden von {{name}} abbrechen',
	remove: 'Entfernen',
	loading: 'Wird geladen…',
	unavailable: 'Dateien können gerade nicht gesendet werden. Bitte versuchen Sie es erneut.',
	dismiss: 'Ausblenden',
	refused: {
		'too-large': '„{{name}}“ ist zu groß zum Senden: Die Grenze liegt bei {{max}}.',
		type: '„{{name}}“ kann nicht gesendet werden: Dieser Dateityp ist nicht erlaubt.',
		empty: '„{{name}}“ ist leer.'
	},
	kind: {
		pdf: 'PDF',
		image: 'Bild',
		audio: 'Audio',
		video: 'Video',
		text: 'Text',
		document: 'Dokument',
		spreadsheet: 'Tabelle',
		presentation: 'Präsentation',
		archive: 'Archiv',
		file: 'Datei'
	},
	voice: {
		record: 'Sprachnachricht aufnehmen',
		recording: 'Aufnahme {{duration}}',
		stop: 'Beenden und senden',
		cancel: 'Aufnahme abbrechen',
		play: 'Sprachnachricht abspielen ({{duration}})',
		pause: 'Sprachnachricht pausieren',
		playing: 'Wird abgespielt',
		queued: 'Als Nächstes',
		tapToPlay: 'Zum Abspielen tippen',
		denied: 'Das Mikrofon ist nicht verfügbar. Erlauben Sie es im Browser, um aufzunehmen.',
		unsupported: 'Dieser Browser kann keine Sprachnachrichten aufnehmen.'
	}
} as const satisfies Translation<typeof en>;
