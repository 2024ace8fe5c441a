/** German strings of the agent console (see en/console.ts). */
import type { consoleStrings as en } from '../en/console.ts';
import type { Translation } from '../languages.ts';

export const consoleStrings = {
	title: 'Konsole',
	loading: 'Konsole wird geöffnet…',
	signedOut:
		'Dieses Gerät ist nicht angemeldet. Öffnen Sie den Kopplungslink, den Ihnen der Inhaber der Website geschickt hat, oder melden Sie sich an.',
	signedInAs: 'Angemeldet als {{name}}',
	loadFailed: 'Ihre Websites konnten nicht geladen werden: {{message}}',
	noSites:
		'Sie gehören (nicht mehr) zum Team einer Website. Bitten Sie den Inhaber der Website um einen neuen Kopplungslink.',
	sites: 'Ihre Websites',
	nav: {
		label: 'Konsole',
		visitors: 'Besucher',
		conversations: 'Gespräche',
		settings: 'Einstellungen',
		admin: 'Verwaltung',
		liveVisitors_one: '{{count}} Besucher live',
		liveVisitors_other: '{{count}} Besucher live',
		unread_one: '{{count}} ungelesenes Gespräch',
		unread_other: '{{count}} ungelesene Gespräche'
	},
	site: {
		switch: 'Website wechseln',
		choose: 'Ihre Websites'
	},
	push: {
		heading: 'Benachrichtigungen',
		lead: 'Erhalten Sie auf diesem Gerät eine Benachrichtigung, wenn ein Besucher ein Gespräch beginnt, Ihre Einladung annimmt oder Ihnen schreibt.',
		on: 'Auf diesem Gerät an',
		off: 'Auf diesem Gerät aus',
		blocked: 'Vom Browser blockiert',
		blockedHelp:
			'Benachrichtigungen dieser Website sind in den Browsereinstellungen blockiert. Erlauben Sie sie dort (das Symbol links neben der Adresse) und kommen Sie dann zurück.',
		unsupported: 'Hier nicht unterstützt',
		unsupportedHelp:
			'Dieser Browser kann keine Push-Benachrichtigungen empfangen. Auf iPhone und iPad fügen Sie Parley zuerst zum Home-Bildschirm hinzu und öffnen es von dort.',
		turnOn: 'Benachrichtigungen einschalten',
		turnOff: 'Ausschalten',
		working: 'Einen Moment…',
		failed: 'Benachrichtigungen konnten nicht geändert werden: {{message}}',
		visibleNote: 'Solange eine Ihrer Konsolen vor Ihnen geöffnet ist, meldet sie sich selbst.',
		notification: {
			visitor: 'Besucher',
			started: 'Neues Gespräch auf {{site}}',
			startedBody: '{{name}} wartet auf eine Antwort',
			message: '{{name}}',
			messages: '{{count}} neue Nachrichten: {{preview}}',
			accepted: '{{name}} hat Ihre Einladung angenommen',
			acceptedBody: 'Chat läuft auf {{site}}',
			transfer: '{{from}} bietet Ihnen ein Gespräch an',
			transferBody: '{{name}} auf {{site}}',
			transferNote: '{{name}}: {{preview}}',
			whisper: '{{from}}, zu {{name}}',
			colleague: 'Eine Kollegin oder ein Kollege',
			image: 'Hat ein Bild gesendet',
			file: 'Hat eine Datei gesendet',
			voice: 'Hat eine Sprachnachricht gesendet',
			callAudio: 'Eingehender Sprachanruf',
			callVideo: 'Eingehender Videoanruf',
			callBody: '{{name}} ruft von {{site}} an'
		}
	},
	connection: {
		online: 'Verbunden',
		reconnecting: 'Verbindung wird wiederhergestellt…',
		offline: 'Offline',
		queued_one: '{{count}} Antwort wartet',
		queued_other: '{{count}} Antworten warten'
	},
	availability: {
		label: 'Für Chats verfügbar',
		online: 'Online',
		away: 'Abwesend',
		failed: 'Ihre Verfügbarkeit konnte nicht geändert werden: {{message}}',
		lead: 'Solange Sie online sind, können Besucher Chats beginnen und das Widget Ihrer Website zeigt, dass jemand da ist. Mit „Abwesend“ bleibt die Konsole offen, aber ohne neue Chats.'
	},
	visitors: {
		title: 'Besucher',
		count_one: '{{count}} gerade online',
		count_other: '{{count}} gerade online',
		shown: '{{shown}} von {{count}} angezeigt',
		list: 'Besucher live',
		loadFailed: 'Die Besucher konnten nicht geladen werden: {{message}}',
		asOf: 'Nicht verbunden: Diese Besucher waren um {{time}} auf der Website.',
		emptyTitle: 'Gerade ist niemand auf Ihrer Website',
		emptyInstalled:
			'Besucher erscheinen hier, sobald sie eine Seite von {{site}} öffnen – mit der Seite, auf der sie sind, woher sie kommen und wie lange sie schon da sind.',
		emptyNotInstalled:
			'Installieren Sie das Snippet auf Ihrer Website, um Besucher hier live zu sehen – mit der Seite, auf der sie sind, und wie lange sie schon da sind.',
		emptyAgent:
			'Bitten Sie den Inhaber der Website, das Snippet zu installieren; dann erscheinen Besucher hier live.',
		installStep: 'Snippet installieren',
		noMatchTitle: 'Kein Besucher passt zu diesen Filtern',
		noMatch: 'Setzen Sie die Filter zurück, um alle zu sehen, die online sind.',
		clearFilters: 'Filter zurücksetzen',
		direct: 'Direkt',
		from: 'Von {{host}}',
		pages_one: '{{count}} Seite',
		pages_other: '{{count}} Seiten',
		onSite: 'Zeit auf der Website',
		new: 'Neu',
		returning: 'Wiederkehrend · Besuch {{count}}',
		untitled: 'Seite ohne Titel',
		open: '{{name}} einladen',
		device: {
			phone: 'Smartphone',
			tablet: 'Tablet',
			desktop: 'Computer'
		},
		filter: {
			label: 'Besucher filtern',
			page: 'Seite',
			pagePlaceholder: 'URL oder Titel',
			language: 'Sprache',
			anyLanguage: 'Alle Sprachen',
			recurrence: 'Besucher',
			all: 'Alle',
			new: 'Neu',
			returning: 'Wiederkehrend'
		}
	},
	invite: {
		title: 'Zum Chat einladen',
		message: 'Nachricht',
		messageHint: 'Leer lassen, um die Begrüßung der Website zu senden.',
		saved: 'Gespeicherte Begrüßungen',
		send: 'Einladung senden',
		sending: 'Wird gesendet…',
		cancel: 'Zurückziehen',
		again: 'Erneut einladen',
		openChat: 'Gespräch öffnen',
		failed: 'Die Einladung konnte nicht gesendet werden: {{message}}',
		gone: 'Dieser Besucher hat die Website verlassen.',
		state: {
			sent: 'Einladung gesendet · noch {{seconds}} s',
			seen: 'Vom Besucher gesehen · noch {{seconds}} s',
			accepted: 'Angenommen',
			declined: 'Abgelehnt',
			expired: 'Ohne Antwort abgelaufen',
			cancelled: 'Zurückgezogen'
		},
		badge: {
			sent: 'Eingeladen',
			seen: 'Einladung gesehen',
			accepted: 'Angenommen',
			declined: 'Abgelehnt',
			expired: 'Abgelaufen',
			cancelled: 'Zurückgezogen',
			countdown: '{{seconds}} s'
		},
		byColleague: 'Eingeladen von {{name}}'
	},
	conversations: {
		title: 'Gespräche',
		list: 'Gespräche',
		views: {
			label: 'Anzeigen',
			unassigned: 'Nicht zugewiesen',
			mine: 'Meine',
			all: 'Alle offenen',
			closed: 'Beendet',
			offline: 'Nachrichten'
		},
		loadFailed: 'Die Gespräche konnten nicht geladen werden: {{message}}',
		empty: {
			unassigned:
				'Neue Chats von Besuchern landen hier, bis jemand sie übernimmt. Laden Sie auf dem Tab „Besucher“ jemanden ein, um selbst einen zu beginnen.',
			mine: 'Chats, die Sie übernehmen oder mit einer Einladung beginnen, erscheinen hier.',
			all: 'Jeder offene Chat der Website erscheint hier, egal wer ihn führt.',
			closed: 'Beendete Chats bleiben hier, damit Sie sie nachlesen können.',
			offline:
				'Wenn niemand online ist, können Besucher eine Nachricht mit ihrer E-Mail-Adresse hinterlassen. Diese Nachrichten warten hier auf Sie.'
		},
		emptyTitle: {
			unassigned: 'Kein Chat wartet',
			mine: 'Sie haben keine offenen Chats',
			all: 'Keine offenen Chats',
			closed: 'Noch keine beendeten Chats',
			offline: 'Keine hinterlassenen Nachrichten'
		},
		goVisitors: 'Sehen, wer online ist',
		pick: 'Gespräch auswählen',
		pickLead: 'Wählen Sie einen Chat aus der Liste, um ihn zu lesen und zu antworten.',
		anonymous: 'Besucher {{id}}',
		unread_one: '{{count}} ungelesen',
		unread_other: '{{count}} ungelesen',
		noMessages: 'Noch keine Nachrichten',
		more_one: 'Mehr anzeigen ({{count}} älteres)',
		more_other: 'Mehr anzeigen ({{count}} ältere)',
		unassignedBadge: 'Nicht zugewiesen',
		takenBy: 'Bei {{name}}',
		yours: 'Ihres',
		closedBadge: 'Beendet',
		leftMessage: 'Hinterlassene Nachricht'
	},
	conversation: {
		back: 'Zurück zu den Gesprächen',
		take: 'Übernehmen',
		taking: 'Wird übernommen…',
		close: 'Beenden',
		closing: 'Wird beendet…',
		closeConfirm: 'Dieses Gespräch beenden?',
		keepOpen: 'Offen lassen',
		closeAction: 'Gespräch beenden',
		closeLead: 'Der Besucher sieht, dass es beendet ist, und kann ein neues beginnen.',
		takenBy: '{{name}} hat dieses Gespräch übernommen.',
		takenBySomeone: 'Ein Kollege hat dieses Gespräch übernommen.',
		takeFirst: 'Übernehmen Sie dieses Gespräch, um zu antworten.',
		closed: 'Dieses Gespräch ist beendet.',
		notFound: 'Dieses Gespräch gibt es nicht oder es gehört nicht zu Ihren Websites.',
		failed: 'Das hat nicht geklappt: {{message}}',
		details: 'Besucher',
		detailsShow: 'Details zum Besucher',
		name: 'Name',
		email: 'E-Mail',
		page: 'Aktuelle Seite',
		language: 'Sprache',
		device: 'Gerät',
		referrer: 'Kam von',
		started: 'Begonnen',
		notOnline: 'Gerade nicht auf der Website',
		loading: 'Gespräch wird geladen…'
	},
	note: {
		mode: 'Eine Antwort oder eine interne Notiz schreiben',
		reply: 'Antwort',
		note: 'Interne Notiz',
		to: 'Für',
		team: 'Das ganze Team',
		hint: 'Nur Ihre Kollegen sehen Notizen; wer genannt ist, wird sofort benachrichtigt.',
		whisper: '{{name}} braucht Sie in einem Gespräch',
		whisperSomeone: 'Jemand aus dem Team braucht Sie in einem Gespräch',
		draft: 'Ein Antwortentwurf für den Besucher'
	},
	transfer: {
		button: 'Übergeben',
		title: 'Dieses Gespräch übergeben',
		lead: 'Ihre Kollegin oder Ihr Kollege erhält es mit dem ganzen Verlauf; Sie können es lesen, aber nicht mehr schreiben.',
		to: 'An',
		anyone: 'Einen verfügbaren Mitarbeiter',
		online: 'Online',
		away: 'Abwesend',
		offline: 'Nicht in der Konsole',
		open: '{{count}} offen',
		note: 'Notiz für die Kollegin oder den Kollegen (optional)',
		callNote: 'Der laufende Anruf bleibt bei Ihnen: Er wird nicht übergeben.',
		send: 'Gespräch anbieten',
		sending: 'Wird angeboten…',
		pending: '{{name}} angeboten · {{seconds}} s',
		pendingAnyone: 'Allen verfügbaren Mitarbeitern angeboten · {{seconds}} s',
		cancel: 'Zurückziehen',
		noColleagues: 'Auf dieser Website arbeitet noch niemand sonst.',
		failed: 'Das Angebot ging nicht hinaus: {{message}}',
		incoming: '{{name}} bietet Ihnen ein Gespräch an',
		incomingSomeone: 'Jemand aus dem Team bietet Ihnen ein Gespräch an',
		with: 'Mit {{name}}',
		last: 'Letzte Nachricht',
		seconds: 'Antworten Sie innerhalb von {{seconds}} s',
		accept: 'Übernehmen',
		decline: 'Jetzt nicht',
		lost: 'Jemand anderes hat es schon übernommen.',
		gone: 'Dieses Angebot ist nicht mehr offen.',
		outcomeTaken: '{{name}} hat dieses Gespräch zuerst übernommen.',
		outcomeExpired:
			'Dieses Angebot wurde nicht rechtzeitig beantwortet; das Gespräch bleibt bei {{name}}.',
		outcomeCancelled: '{{name}} hat dieses Angebot zurückgezogen.',
		outcomeDeclined: 'Sie haben dieses Angebot abgelehnt.'
	},
	team: {
		title: 'Team',
		button: 'Team: {{count}} online',
		empty: 'Sonst ist niemand in der Konsole.',
		you: '{{name}} (Sie)',
		unnamed: 'Mitarbeiter',
		open_one: '{{count}} offen',
		open_other: '{{count}} offen'
	},
	sound: {
		title: 'Ton und Abwesenheit',
		locked: 'Der Ton ist aus, bis Sie tippen.',
		unlock: 'Ton einschalten',
		label: 'Ton bei neuen Chats und Nachrichten',
		lead: 'Klingelt und vibriert bei neuen Gesprächen und Nachrichten von Besuchern, nicht aber im Gespräch, das Sie gerade lesen. Das App-Symbol zeigt, wie viele Gespräche ungelesen sind.',
		test: 'Testton abspielen',
		awayAfter: 'Abwesend nach Inaktivität von',
		awayLead:
			'Während Sie abwesend sind, können Besucher eine Nachricht hinterlassen. Die Konsole geht wieder online, wenn Sie zurückkommen – außer Sie haben „Abwesend“ selbst gewählt.',
		never: 'Nie',
		minutes_one: '{{count}} Minute',
		minutes_other: '{{count}} Minuten'
	},
	translation: {
		title: 'Übersetzung',
		toggle: 'Nachrichten übersetzen',
		language: 'Sprache des Besuchers',
		unknown: 'Noch unbekannt',
		fromBrowser: 'Laut Browser des Besuchers',
		fromDetected: 'Aus seinen Nachrichten erkannt',
		fromAgent: 'Von einem Agenten festgelegt',
		same: 'Der Besucher spricht Ihre Sprache: Es gibt nichts zu übersetzen.',
		noPair:
			'Dieser Server kann nicht zwischen {{visitor}} und {{agent}} übersetzen: Nachrichten erscheinen so, wie sie geschrieben wurden.',
		failed: 'Speichern fehlgeschlagen: {{message}}',
		off: 'Die Übersetzung ist aus: Auf diesem Server ist keine Übersetzungs-Engine eingerichtet.',
		down: 'Die Übersetzung ist eingerichtet, aber ihre Engine ist gerade nicht erreichbar. Bis dahin erscheinen Nachrichten so, wie sie geschrieben wurden.',
		on: 'Nachrichten zwischen Ihnen und Besuchern, die eine andere Sprache schreiben, übersetzt {{provider}} maschinell auf Ihrem eigenen Server.',
		you: 'Sie lesen und schreiben in {{language}}, Ihrer Oberflächensprache.',
		pairs: 'Übersetzt zwischen'
	},
	settings: {
		title: 'Einstellungen',
		availability: 'Verfügbarkeit',
		appearance: 'Darstellung',
		themeLead: 'Hell, dunkel oder wie dieses Gerät.',
		install: 'App installieren',
		installed: 'Parley ist auf diesem Gerät installiert.',
		installNow: 'Installieren',
		adminLead: 'Websites, Team, das Snippet und Ihr Konto.',
		sites: 'Ihre Websites',
		signOut: 'Abmelden'
	},
	call: {
		ringingVideo: '{{name}} ruft Sie an (Video)',
		ringingAudio: '{{name}} ruft Sie an (Audio)',
		ringingSite: 'Ein Besucher ruft auf {{site}} an',
		open: 'Öffnen'
	}
} as const satisfies Translation<typeof en>;
