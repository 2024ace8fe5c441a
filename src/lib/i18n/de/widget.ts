/** German strings of the chat components and the widget (see en/widget.ts). */
import type { widget as en } from '../en/widget.ts';
import type { Translation } from '../languages.ts';
import { attach } from './attach.ts';

export const widget = {
	attach,
	chat: {
		log: 'Nachrichten',
		you: 'Sie',
		visitor: 'Besucher',
		agent: 'Mitarbeiter',
		today: 'Heute',
		yesterday: 'Gestern',
		joined: '{{name}} ist dem Gespräch beigetreten',
		joinedSomeone: 'Ein Mitarbeiter ist dem Gespräch beigetreten',
		transferred: 'Sie sprechen jetzt mit {{name}}',
		transferredSomeone: 'Sie sprechen jetzt mit einem anderen Mitarbeiter',
		transferOffered: '{{from}} hat das Gespräch {{to}} angeboten',
		transferredAgents: '{{from}} hat das Gespräch an {{to}} übergeben',
		transferDeclined: '{{to}} hat die Übergabe abgelehnt',
		transferExpired: 'Die Übergabe an {{to}} wurde nicht rechtzeitig beantwortet',
		transferCancelled: 'Die Übergabe an {{to}} wurde zurückgezogen',
		anyAgent: 'einen verfügbaren Mitarbeiter',
		internal: 'Interne Notiz · der Besucher sieht sie nicht',
		draft: 'Antwortentwurf · der Besucher sieht ihn noch nicht',
		useDraft: 'Als Antwort verwenden',
		closedByVisitor: 'Der Besucher hat das Gespräch beendet',
		closed: 'Das Gespräch wurde beendet',
		state: {
			queued: 'Warte auf Verbindung',
			sending: 'Wird gesendet…',
			sent: 'Gesendet',
			delivered: 'Zugestellt',
			read: 'Gelesen',
			failed: 'Nicht gesendet'
		},
		failure: {
			network: 'Nicht gesendet: keine Verbindung.',
			'rate-limited': 'Nicht gesendet: zu viele Nachrichten auf einmal. Warten Sie einen Moment.',
			closed: 'Nicht gesendet: Das Gespräch ist beendet.',
			held: 'Nicht gesendet: Das Gespräch liegt jetzt bei einer Kollegin oder einem Kollegen.',
			'too-long': 'Nicht gesendet: Die Nachricht ist zu lang.',
			refused: 'Nicht gesendet.',
			'too-large': 'Nicht gesendet: Die Datei ist zu groß.',
			type: 'Nicht gesendet: Dieser Dateityp ist nicht erlaubt.',
			lost: 'Nicht gesendet: Die Datei ist nicht mehr auf diesem Gerät.'
		},
		retry: 'Erneut versuchen',
		typing: '{{name}} schreibt…',
		typingSomeone: 'Schreibt…',
		composer: {
			label: 'Nachricht',
			form: 'Antworten',
			placeholder: 'Nachricht schreiben…',
			send: 'Senden',
			counter: '{{count}} / {{max}}',
			tooLong_one: '{{count}} Zeichen zu lang',
			tooLong_other: '{{count}} Zeichen zu lang',
			closed: 'Dieses Gespräch ist beendet.'
		},
		connection: {
			reconnecting: 'Verbindung wird wiederhergestellt…'
		},
		opensInNewTab: '(öffnet in einem neuen Tab)',
		translation: {
			translated: 'Übersetzt',
			showOriginal: 'Original anzeigen',
			showTranslation: 'Übersetzung anzeigen',
			unavailable: 'Nicht übersetzt: Die Übersetzung ist gerade nicht verfügbar.',
			unsupported: 'Nicht übersetzt: Für diese Sprachen gibt es keine Übersetzung.'
		}
	},
	widget: {
		title: 'Chat mit {{name}}',
		close: 'Chat schließen',
		loading: 'Chat wird geladen…',
		unavailable: 'Der Chat ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut.',
		online: 'Wir sind online',
		offline: 'Wir sind gerade nicht da',
		prechat: {
			intro: 'Bevor es losgeht: Sagen Sie uns, wer Sie sind.',
			name: 'Ihr Name',
			email: 'Ihre E-Mail-Adresse',
			optional: '(optional)',
			start: 'Gespräch beginnen',
			starting: 'Wird gestartet…'
		},
		leave: {
			title: 'Hinterlassen Sie uns eine Nachricht',
			intro:
				'Gerade ist niemand online. Hinterlassen Sie eine Nachricht und Ihre E-Mail-Adresse – wir antworten per E-Mail.',
			email: 'Ihre E-Mail-Adresse',
			name: 'Ihr Name',
			message: 'Ihre Nachricht',
			send: 'Nachricht senden',
			sending: 'Wird gesendet…',
			sent: 'Danke! Wir haben Ihre Nachricht erhalten und antworten an {{email}}.',
			another: 'Weitere Nachricht schreiben'
		},
		closed: {
			title: 'Dieses Gespräch ist beendet.',
			again: 'Neues Gespräch beginnen'
		},
		end: {
			label: 'Gespräch beenden',
			title: 'Dieses Gespräch beenden?',
			lead: 'Der Mitarbeiter sieht, dass Sie es beendet haben. Sie können jederzeit ein neues beginnen.',
			cancel: 'Weiterchatten',
			confirm: 'Gespräch beenden',
			failed: 'Das Gespräch konnte nicht beendet werden. Bitte versuchen Sie es erneut.'
		},
		errors: {
			nameRequired: 'Bitte geben Sie Ihren Namen ein.',
			emailRequired: 'Bitte geben Sie Ihre E-Mail-Adresse ein.',
			emailInvalid: 'Diese E-Mail-Adresse scheint nicht zu stimmen.',
			messageRequired: 'Bitte schreiben Sie eine Nachricht.',
			failed: 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.'
		},
		preview: {
			label: 'Vorschau des Chat-Widgets',
			visitorSample: 'Hallo! Liefern Sie auch nach Kanada?',
			agentSample: 'Ja, die Lieferung dauert 3 bis 5 Tage. Kann ich Ihnen sonst noch helfen?',
			agentName: 'Alex',
			accept: 'Jetzt chatten',
			decline: 'Nein danke'
		}
	},
	call: {
		startAudio: 'Sprachanruf starten',
		startVideo: 'Videoanruf starten',
		summary: {
			audio: 'Sprachanruf · {{duration}}',
			video: 'Videoanruf · {{duration}}',
			declined: 'Anruf abgelehnt',
			cancelled: 'Anruf abgebrochen',
			missed: 'Verpasster Anruf',
			failed: 'Anruf konnte nicht verbunden werden'
		}
	}
} as const satisfies Translation<typeof en>;
