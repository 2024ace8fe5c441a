/** German strings of the call screen (see en/calls.ts). */
import type { calls as en } from '../en/calls.ts';
import type { Translation } from '../languages.ts';

export const calls = {
	title: 'Anruf mit {{name}}',
	someone: 'die Gegenseite',
	audio: 'Sprachanruf',
	video: 'Videoanruf',
	preparing: 'Kamera und Mikrofon werden gestartet…',
	outgoing: '{{name}} wird angerufen…',
	incoming: '{{name}} ruft Sie an',
	incomingAudio: 'Eingehender Sprachanruf',
	incomingVideo: 'Eingehender Videoanruf',
	connecting: 'Verbindung wird hergestellt…',
	reconnecting: 'Verbindung verloren. Wird wiederhergestellt…',
	accept: 'Annehmen',
	decline: 'Ablehnen',
	mute: 'Mikrofon stummschalten',
	cameraOff: 'Kamera ausschalten',
	switchCamera: 'Kamera wechseln',
	output: 'Tonausgabe',
	more: 'Weitere Optionen',
	outputDefault: 'Standard dieses Geräts',
	outputUnnamed: 'Lautsprecher {{n}}',
	outputFailed: 'Der Ton konnte nicht auf diese Ausgabe gelegt werden: {{message}}',
	speaker: 'Ton der Gegenseite',
	hangup: 'Auflegen',
	close: 'Schließen',
	you: 'Ihre Kamera',
	them: 'Video von {{name}}',
	cameraIsOff: 'Kamera aus',
	minimize: 'Zurück zum Gespräch',
	restore: 'Zurück zum Anruf',
	effects: 'Effekte',
	effectsTitle: 'Effekte für Ihr Video',
	badge: 'Namensschild',
	logo: 'Logo der Website',
	ended: {
		hangup: 'Anruf beendet',
		'remote-hangup': 'Die Gegenseite hat aufgelegt',
		declined: 'Sie haben den Anruf abgelehnt',
		'remote-declined': 'Der Anruf wurde abgelehnt',
		cancelled: 'Der Anruf wurde abgebrochen',
		missed: 'Keine Antwort',
		busy: 'In diesem Gespräch läuft bereits ein Anruf',
		closed: 'Dieses Gespräch ist beendet',
		'answered-elsewhere': 'Auf einem anderen Gerät angenommen',
		'media-denied':
			'Der Zugriff auf Kamera oder Mikrofon wurde verweigert. Erlauben Sie ihn in den Browsereinstellungen und versuchen Sie es erneut.',
		'media-missing': 'Auf diesem Gerät wurde weder Kamera noch Mikrofon gefunden.',
		unsupported: 'Anrufe funktionieren in diesem Browser nicht.',
		'ice-failed':
			'Keine Verbindung möglich: Die Netzwerke beider Seiten blockieren eine direkte Verbindung, und kein Relay-Server hat geantwortet.',
		lost: 'Die Verbindung ist abgebrochen und konnte nicht wiederhergestellt werden.',
		failed: 'Der Anruf ist fehlgeschlagen.'
	}
} as const satisfies Translation<typeof en>;
