/** German strings of the marketing, sign-up, admin and pairing pages (see en/admin.ts). */
import type { admin as en } from '../en/admin.ts';
import type { Translation } from '../languages.ts';

export const admin = {
	shell: {
		sidebar: 'Seitenleiste',
		accountMenu: 'Kontomenü',
		signedInAs: 'Angemeldet als {{name}}',
		signOutFailed: 'Abmelden fehlgeschlagen: {{message}}',
		goToSites: 'Zu Ihren Websites',
		openConsole: 'Konsole öffnen',
		footer: 'Open-Source-Kundenservice zum Selbsthosten.',
		signedOutTitle: 'Sie sind abgemeldet'
	},
	home: {
		eyebrow: 'Live-Chat auf Ihren eigenen Servern',
		demo: {
			site: 'Laden an der Ecke',
			greeting: 'Hallo! Fragen zu Ihrer Bestellung? Wir sind für Sie da.'
		},
		title: 'Sprechen Sie live mit den Menschen auf Ihrer Website',
		lead: 'Parley zeigt Ihrem Team, wer gerade auf Ihrer Website ist, und lässt es vom Smartphone oder Tablet aus ein Gespräch beginnen – per Text, Sprache, Dateien oder Anruf. Open Source und selbst gehostet.',
		features: {
			heading: 'Was Sie bekommen',
			monitoring:
				'Sehen Sie jeden Besucher live: die Seite, auf der er ist, woher er kommt und wie lange er schon da ist.',
			invitations: 'Laden Sie Besucher mit einer Nachricht auf ihrer Seite zum Chat ein.',
			conversations:
				'Chatten Sie mit Text, Bildern, Dateien und Sprachnachrichten oder wechseln Sie zu einem Sprach- oder Videoanruf.',
			translation: 'Jede Seite schreibt in ihrer Sprache; Nachrichten kommen übersetzt an.',
			offline:
				'Eine installierbare App für Mitarbeiter, die auch offline funktioniert und benachrichtigt.'
		},
		cta: 'Konto erstellen'
	},
	credentials: {
		email: 'E-Mail',
		password: 'Passwort'
	},
	signup: {
		title: 'Ihr Parley-Konto erstellen',
		lead: 'Kostenlos und selbst gehostet. Ihre erste Website ist in zwei Minuten eingerichtet.',
		passwordHint: 'Mindestens 6 Zeichen.',
		submit: 'Konto erstellen',
		submitting: 'Ihr Konto wird erstellt…',
		checkEmail: 'Sehen Sie in {{email}} nach: Dort wartet ein Link zur Bestätigung Ihrer Adresse.',
		failed: 'Registrierung fehlgeschlagen: {{message}}',
		doneTitle: 'Ihr Konto ist bereit',
		done: 'Sie sind als {{email}} angemeldet.',
		nextStep:
			'Erstellen Sie als Nächstes Ihre erste Website: Sie erhalten das Snippet zum Einfügen in Ihre Seiten.',
		checkEmailTitle: 'Sehen Sie in Ihrem Posteingang nach',
		continue: 'Erste Website erstellen',
		haveAccount: 'Sie haben schon ein Konto?'
	},
	login: {
		forgot: 'Passwort vergessen?',
		title: 'Bei Parley anmelden',
		lead: 'Willkommen zurück. Ihre Websites und Ihr Team warten.',
		submit: 'Anmelden',
		submitting: 'Anmeldung läuft…',
		failed: 'Anmeldung fehlgeschlagen: {{message}}',
		noAccount: 'Neu bei Parley?',
		signUp: 'Konto erstellen'
	},
	authErrors: {
		invalidCredentials: 'E-Mail oder Passwort ist falsch.',
		userAlreadyExists:
			'Mit dieser E-Mail-Adresse gibt es bereits ein Konto. Melden Sie sich stattdessen an.',
		weakPassword: 'Dieses Passwort ist zu schwach: {{message}}',
		emailInvalid: 'Diese E-Mail-Adresse ist ungültig.',
		validationFailed: 'Bitte prüfen Sie E-Mail und Passwort: {{message}}',
		signupDisabled: 'Neue Registrierungen sind auf diesem Server deaktiviert.',
		emailNotConfirmed:
			'Bestätigen Sie zuerst Ihre E-Mail-Adresse: Der Link liegt in Ihrem Posteingang.',
		rateLimited: 'Zu viele Versuche. Warten Sie eine Minute und versuchen Sie es erneut.',
		userBanned: 'Dieses Konto ist gesperrt.',
		samePassword: 'Das neue Passwort muss sich vom aktuellen unterscheiden.',
		emailRateLimited:
			'Gerade wurde eine E-Mail gesendet. Warten Sie kurz und fragen Sie dann erneut.',
		linkExpired: 'Der Link ist abgelaufen oder wurde schon benutzt.',
		mfaFailed:
			'Dieser Code stimmt nicht. Prüfen Sie die Uhrzeit des Telefons und nehmen Sie den neuesten Code.',
		mfaNeeded: 'Geben Sie zuerst einen Code aus Ihrer Authenticator-App ein.',
		mfaExpired: 'Das hat zu lange gedauert. Versuchen Sie es mit einem neuen Code.'
	},
	recover: {
		title: 'Passwort zurücksetzen',
		lead: 'Geben Sie die E-Mail-Adresse ein, mit der Sie sich anmelden. Wir senden Ihnen einen Link, um ein neues Passwort zu wählen.',
		submit: 'Link senden',
		submitting: 'Wird gesendet…',
		sentTitle: 'Sehen Sie in Ihr Postfach',
		sent: 'Falls ein Konto {{email}} verwendet, ist ein Link für ein neues Passwort unterwegs. Er gilt nur einmal; sehen Sie auch im Spam-Ordner nach.',
		failed: 'Der Link konnte nicht gesendet werden: {{message}}',
		remembered: 'Doch wieder eingefallen?',
		backToLogin: 'Anmelden'
	},
	resetPassword: {
		title: 'Neues Passwort wählen',
		lead: 'Das neue Passwort ersetzt das alte sofort, auf allen Geräten.',
		password: 'Neues Passwort',
		submit: 'Neues Passwort speichern',
		submitting: 'Wird gespeichert…',
		failed: 'Das Passwort konnte nicht gespeichert werden: {{message}}',
		doneTitle: 'Passwort geändert',
		done: 'Ihr neues Passwort ist gespeichert und Sie sind angemeldet.',
		continue: 'Zu Ihren Websites',
		checking: 'Link wird geprüft…',
		noLink:
			'Öffnen Sie den Link aus der E-Mail zum Zurücksetzen, um hier ein neues Passwort zu wählen.',
		linkFailed: 'Dieser Link ist nicht verwendbar: {{message}}',
		askAgain: 'Neuen Link senden'
	},
	secondFactor: {
		title: 'Zwei-Faktor-Anmeldung',
		lead: 'Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.',
		code: 'Code',
		submit: 'Prüfen',
		submitting: 'Wird geprüft…',
		otherAccount: 'Anderes Konto verwenden',
		failed: 'Der Code konnte nicht geprüft werden: {{message}}',
		heading: 'Zwei-Faktor-Anmeldung',
		off: 'Aus. Schalten Sie sie ein, dann fragt die Anmeldung auch nach einem Code aus einer Authenticator-App auf Ihrem Telefon.',
		on: 'An. Die Anmeldung fragt nach einem Code aus Ihrer Authenticator-App, und Änderungen an Ihren Websites brauchen ihn.',
		turnOn: 'Einschalten',
		turnOff: 'Ausschalten',
		scan: 'Scannen Sie diesen QR-Code mit einer Authenticator-App (etwa Google Authenticator, 1Password oder Aegis) und geben Sie den angezeigten Code ein.',
		qrAlt: 'QR-Code für Ihre Authenticator-App',
		keyLabel: 'Scannen geht nicht? Geben Sie diesen Schlüssel ein:',
		confirm: 'Einschalten',
		cancel: 'Abbrechen',
		turnedOn: 'Die Zwei-Faktor-Anmeldung ist an.',
		turnedOff: 'Die Zwei-Faktor-Anmeldung ist aus.',
		changeFailed: 'Die Zwei-Faktor-Anmeldung konnte nicht geändert werden: {{message}}'
	},
	sites: {
		title: 'Ihre Websites',
		lead: 'Jede Website hat ihr eigenes Snippet, Team und Widget-Design.',
		emptyTitle: 'Noch keine Websites',
		empty: 'Noch keine Websites. Erstellen Sie eine, um das Snippet für Ihre Seiten zu erhalten.',
		origins: 'Erlaubte Ursprünge',
		moreOrigins_one: '+{{count}} weiterer',
		moreOrigins_other: '+{{count}} weitere',
		noOrigins: 'Keine erlaubten Ursprünge: Das Widget läuft noch nirgends.',
		create: 'Website erstellen',
		installed: 'Installiert',
		waiting: 'Warten auf den ersten Besuch',
		role: { owner: 'Inhaber', agent: 'Mitarbeiter' },
		loadFailed: 'Ihre Websites konnten nicht geladen werden: {{message}}',
		signInFirst: 'Melden Sie sich an, um Ihre Websites zu sehen.'
	},
	newSite: {
		title: 'Website erstellen',
		submit: 'Website erstellen',
		lead: 'Geben Sie ihr einen Namen, legen Sie fest, wo das Widget laufen darf, und wählen Sie seine Farbe. Alles lässt sich später ändern.'
	},
	siteForm: {
		name: 'Name der Website',
		origins: 'Erlaubte Ursprünge',
		originsHint:
			'Die Adressen der Websites, die das Widget zeigen dürfen, eine pro Zeile, z. B. https://shop.example.com.',
		color: 'Widget-Farbe',
		position: 'Position des Chat-Buttons',
		positionRight: 'Unten rechts',
		positionLeft: 'Unten links',
		greeting: 'Begrüßung',
		originsPlaceholder: 'https://shop.example.com',
		greetingHint: 'Wird Besuchern beim Öffnen des Chats angezeigt.',
		language: 'Standardsprache',
		saving: 'Wird gespeichert…',
		saved: 'Gespeichert.',
		errors: {
			nameRequired: 'Geben Sie der Website einen Namen.',
			nameTooLong: 'Der Name darf höchstens {{max}} Zeichen lang sein.',
			originSuggest: '„{{entry}}“ ist kein Ursprung. Meinten Sie {{suggestion}}?',
			originNoScheme: 'Vor „{{entry}}“ fehlt https:// oder http://. Meinten Sie {{suggestion}}?',
			originScheme:
				'„{{entry}}“ ist keine Webadresse: Sie muss mit https:// oder http:// beginnen.',
			originNotAddress:
				'„{{entry}}“ ist keine Webadresse. Geben Sie die Adresse einer Website ein, auf der das Widget laufen darf, etwa https://shop.example.com.',
			originsRequired:
				'Fügen Sie mindestens eine Webadresse hinzu. Das Widget läuft nur auf den hier aufgeführten Adressen, ohne eine also nirgends.',
			originsRefused: 'Einer der erlaubten Ursprünge ist ungültig.',
			tooManyOrigins: 'Eine Website kann höchstens {{max}} erlaubte Ursprünge haben.',
			color: 'Wählen Sie eine Farbe.',
			position: 'Wählen Sie, wo der Chat-Button sitzt.',
			greetingTooLong:
				'Die Begrüßung ist {{length}} Zeichen lang, erlaubt sind höchstens {{max}}. Es wurde nichts gespeichert.',
			greetingLimit: 'Die Begrüßung darf höchstens {{max}} Zeichen lang sein.',
			language: 'Wählen Sie eine Sprache.',
			forbidden: 'Nur der Inhaber der Website kann das ändern.',
			other: 'Speichern fehlgeschlagen: {{message}}'
		}
	},
	chatSettings: {
		heading: 'Gespräche',
		lead: 'Was Besucher vor einem Chat gefragt werden, die Einladungen der Mitarbeiter und die Grenzen eines Gesprächs.',
		prechat: 'Vor einem Chat fragen nach',
		prechatName: 'Name',
		prechatEmail: 'E-Mail',
		prechatHint:
			'Wird im Widget vor der ersten Nachricht gefragt. Sind beide aus, schreiben Besucher sofort los.',
		rules: { off: 'Nicht fragen', optional: 'Fragen, optional', required: 'Fragen, Pflicht' },
		messages: 'Gespeicherte Einladungstexte',
		messagesHint:
			'Einer pro Zeile, höchstens {{max}}. Mitarbeiter wählen einen aus, wenn sie Besucher zum Chat einladen.',
		messagesPlaceholder: 'Hallo! Kann ich Ihnen bei der Suche helfen?',
		ttl: 'Eine Einladung wartet (Sekunden)',
		ttlHint:
			'Von {{min}} bis {{max}} Sekunden; danach läuft sie ab, wenn der Besucher nicht geantwortet hat.',
		attachment: 'Größter Anhang (MB)',
		attachmentHint:
			'Von {{min}} bis {{max}} MB, für Bilder, Dateien und Sprachnachrichten, auf beiden Seiten.',
		retention: 'Stille Besucher aufbewahren für (Tage)',
		retentionHint:
			'Von {{min}} bis {{max}} Tage nach ihrem letzten Besuch; Besucher, die gechattet haben, bleiben erhalten.',
		submit: 'Gesprächseinstellungen speichern',
		errors: {
			prechat: 'Wählen Sie, ob gefragt werden soll.',
			ttl: 'Geben Sie eine ganze Zahl von Sekunden zwischen {{min}} und {{max}} ein.',
			retention: 'Geben Sie eine ganze Zahl von Tagen zwischen {{min}} und {{max}} ein.',
			attachment: 'Geben Sie eine ganze Zahl von Megabyte zwischen {{min}} und {{max}} ein.',
			messageTooLong: 'Text {{line}} ist länger als {{max}} Zeichen. Es wurde nichts gespeichert.',
			tooManyMessages_one: 'Es gibt {{count}} Text; eine Website kann höchstens {{max}} speichern.',
			tooManyMessages_other:
				'Es gibt {{count}} Texte; eine Website kann höchstens {{max}} speichern.',
			messagesRefused:
				'Höchstens {{max}} gespeicherte Texte mit jeweils höchstens {{chars}} Zeichen.'
		}
	},
	callBackgrounds: {
		heading: 'Hintergründe für Anrufe',
		lead: 'Bilder, die Mitarbeiter und Besucher in einem Videoanruf hinter sich legen können, neben denen von Parley. JPEG, PNG oder WebP, bis {{max}}; größere Bilder werden vor dem Hochladen auf {{side}} px verkleinert.',
		listLabel: 'Anrufhintergründe dieser Website',
		item: 'Hintergrund {{n}}',
		empty: 'Noch keine eigenen Bilder: Anrufe bieten die vier von Parley an.',
		count: '{{count}} von {{max}}',
		add: 'Bild hinzufügen',
		adding: 'Wird hochgeladen…',
		added: 'Hinzugefügt. Es wird ab jetzt in Anrufen angeboten.',
		remove: 'Hintergrund {{n}} entfernen',
		loadFailed: 'Die Hintergründe konnten nicht geladen werden: {{message}}',
		problems: {
			full: 'Diese Website hat schon {{max}} Hintergründe. Entfernen Sie einen, um einen neuen hinzuzufügen.',
			type: 'Diese Datei ist kein Bild, das Parley verwenden kann. Wählen Sie ein JPEG-, PNG- oder WebP-Bild.',
			'too-large': 'Das Bild ist auch verkleinert größer als {{mb}} MB.',
			'not-image': 'Die Datei konnte nicht als Bild gelesen werden.',
			forbidden: 'Nur der Inhaber der Website kann ihre Hintergründe ändern.',
			network: 'Die Verbindung ist fehlgeschlagen. Versuchen Sie es erneut.',
			other: 'Das hat nicht geklappt: {{message}}'
		}
	},
	site: {
		notFoundTitle: 'Website nicht gefunden',
		notFound: 'Diese Website gibt es nicht, oder Sie gehören nicht zu ihrem Team.',
		sections: 'Bereiche der Website',
		tabs: {
			install: 'Installation',
			staff: 'Team und Geräte',
			appearance: 'Darstellung',
			settings: 'Einstellungen',
			danger: 'Gefahrenbereich'
		},
		appearance: {
			heading: 'Darstellung',
			lead: 'So sieht das Widget auf Ihrer Website aus. Die Vorschau folgt Ihren Eingaben.',
			preview: 'Vorschau',
			untitled: 'Ihre Website'
		},
		loadFailed: 'Die Website konnte nicht geladen werden: {{message}}',
		backToSites: 'Alle Websites',
		install: {
			heading: 'Snippet installieren',
			lead: 'Fügen Sie diese Zeile in jede Seite Ihrer Website ein, direkt vor dem schließenden </body>-Tag:',
			label: 'Snippet',
			copy: 'Snippet kopieren',
			copied: 'In die Zwischenablage kopiert.',
			copyFailed:
				'Kopieren ist hier blockiert: Markieren Sie das Snippet und kopieren Sie es selbst.',
			notes:
				'Das Widget läuft nur auf den erlaubten Ursprüngen der Website (siehe Einstellungen). Die meisten Website-Baukästen haben dafür eine Einstellung wie „Eigener Code“ oder „Footer-Skripte“.',
			waiting: 'Warten auf den ersten Besuch…',
			installed: 'Installiert auf {{page}} um {{time}}.',
			noOriginsTitle: 'Das Widget läuft noch nirgends',
			noOrigins:
				'Diese Website hat keine erlaubten Ursprünge. Tragen Sie die Adresse Ihrer Website unter Einstellungen ein, sonst tut das Snippet nichts.'
		},
		settings: {
			heading: 'Einstellungen',
			lead: 'Der Name der Website, wo das Widget laufen darf, und seine Sprache.',
			submit: 'Änderungen speichern'
		},
		danger: {
			heading: 'Diese Website löschen',
			lead: 'Beim Löschen werden die Website, ihr Snippet-Schlüssel, ihre Besucher, Gespräche und der Zugang des Teams entfernt. Das lässt sich nicht rückgängig machen.',
			start: 'Website löschen…',
			confirmTitle: '„{{name}}“ löschen?',
			confirm: '„{{name}}“ endgültig löschen',
			cancel: 'Website behalten',
			deleting: 'Wird gelöscht…',
			failed: 'Die Website konnte nicht gelöscht werden: {{message}}'
		}
	},
	staff: {
		heading: 'Team und Geräte',
		lead: 'Laden Sie jede Person mit Namen ein. Sie öffnet ihren Kopplungslink (oder scannt den QR-Code) auf ihrem Smartphone oder Tablet und ist dort in der Konsole angemeldet. Jeder Link funktioniert einmal, 24 Stunden lang.',
		name: 'Name',
		email: 'E-Mail (optional)',
		invite: 'Kopplungslink erstellen',
		inviteForm: 'Person einladen',
		removeTitle: '{{name}} entfernen?',
		removeLead:
			'Ihre Smartphones und Tablets werden sofort abgemeldet, außer die Person arbeitet für eine andere Ihrer Websites. Ihre Gespräche bleiben erhalten.',
		linkFor: 'Kopplungslink für {{name}}',
		members: 'Personen dieser Website',
		invitations: 'Kopplungslinks',
		you: 'Sie',
		remove: 'Entfernen',
		removeNamed: '{{name}} entfernen',
		confirmRemove: '{{name}} entfernen und Geräte abmelden',
		cancel: 'Abbrechen',
		revoke: 'Widerrufen',
		revokeNamed: 'Link für {{name}} widerrufen',
		until: 'bis {{time}}',
		state: {
			pending: 'Noch nicht geöffnet',
			used: 'Verwendet',
			revoked: 'Widerrufen',
			expired: 'Abgelaufen'
		},
		errors: {
			nameRequired: 'Geben Sie den Namen der Person ein.',
			email: 'Diese E-Mail-Adresse scheint nicht zu stimmen.',
			other: 'Etwas ist schiefgelaufen: {{message}}'
		}
	},
	links: {
		qrLabel: 'QR-Code: {{heading}}',
		copy: 'Link kopieren',
		copied: 'Link kopiert.',
		copyFailed: 'Kopieren ist hier blockiert: Markieren Sie den Link und kopieren Sie ihn selbst.',
		expires: 'Funktioniert einmal, bis {{time}}.'
	},
	phone: {
		heading: 'Konsole auf Ihrem Smartphone öffnen',
		lead: 'Scannen Sie diesen Code mit Ihrem Smartphone oder Tablet, um es mit Ihrem Konto in der Konsole anzumelden.',
		show: 'Meinen QR-Code zeigen',
		again: 'Neuen Code zeigen',
		cardHeading: 'Ihr Gerätelink',
		otherDevice: 'Weiteres Gerät anmelden',
		otherDeviceLead:
			'Scannen Sie diesen Code mit Ihrem anderen Smartphone oder Tablet, um es mit Ihrem Konto in der Konsole anzumelden.',
		failed: 'Der Link konnte nicht erstellt werden: {{message}}'
	},
	account: {
		title: 'Ihr Konto',
		signInFirst: 'Melden Sie sich an, um Ihr Konto zu sehen.',
		email: 'E-Mail',
		since: 'Mitglied seit',
		memberSince: 'Mitglied seit {{date}}',
		password: {
			heading: 'Passwort ändern',
			new: 'Neues Passwort',
			submit: 'Passwort ändern',
			done: 'Ihr Passwort wurde geändert.',
			failed: 'Das Passwort konnte nicht geändert werden: {{message}}'
		},
		sessions: {
			heading: 'Abmelden',
			lead: 'Melden Sie sich in diesem Browser ab oder auf allen Geräten, die mit Ihrem Konto angemeldet sind (auch Smartphones und Tablets).',
			here: 'Hier abmelden',
			everywhere: 'Überall abmelden'
		}
	},
	pair: {
		title: 'Dieses Gerät koppeln',
		lead: 'Dieser Link meldet dieses Smartphone oder Tablet in der Parley-Konsole an.',
		working: 'Dieses Gerät wird angemeldet…',
		done: 'Dieses Gerät ist angemeldet. Die Konsole wird geöffnet…',
		openConsole: 'Konsole öffnen',
		replace: {
			lead: 'Dieses Gerät ist als {{name}} angemeldet. Wenn Sie diesen Link öffnen, wird es stattdessen mit dem Link angemeldet und {{name}} hier abgemeldet.',
			continue: 'Link verwenden',
			keep: 'Als {{name}} angemeldet bleiben'
		},
		refused: {
			missing:
				'Dieser Link ist unvollständig. Öffnen Sie den ganzen Kopplungslink oder scannen Sie den QR-Code erneut.',
			unknown:
				'Dieser Kopplungslink ist ungültig. Bitten Sie den Inhaber der Website um einen neuen.',
			used: 'Dieser Kopplungslink wurde bereits verwendet. Jeder Link funktioniert nur einmal: Bitten Sie den Inhaber der Website um einen neuen.',
			revoked:
				'Dieser Kopplungslink wurde vom Inhaber der Website widerrufen. Bitten Sie ihn um einen neuen.',
			expired: 'Dieser Kopplungslink ist abgelaufen. Bitten Sie um einen neuen.',
			failed: 'Die Kopplung hat diesmal nicht geklappt: {{message}}. Öffnen Sie den Link erneut.'
		}
	},
	pwa: {
		install: {
			title: 'Parley auf diesem Gerät installieren',
			lead: 'Öffnen Sie die Konsole wie jede andere App vom Home-Bildschirm und lesen Sie Gespräche weiter, auch wenn das Netz wegbricht.',
			button: 'Installieren',
			installing: 'Wird installiert…',
			dismiss: 'Nicht jetzt',
			steps: {
				iosShare: 'Tippen Sie in der Browserleiste auf „Teilen“.',
				iosAdd: 'Wählen Sie „Zum Home-Bildschirm“ und dann „Hinzufügen“.',
				androidMenu: 'Öffnen Sie das Browsermenü (⋮).',
				androidInstall: 'Wählen Sie „App installieren“ oder „Zum Startbildschirm hinzufügen“.',
				mobileMenu: 'Öffnen Sie das Browsermenü.',
				mobileAdd: 'Wählen Sie „Zum Startbildschirm hinzufügen“ oder „App installieren“.'
			},
			hints: {
				safariMac: 'Wählen Sie in der Menüleiste „Ablage“ und dann „Zum Dock hinzufügen“.',
				firefoxDesktop:
					'Dieser Browser kann keine Apps installieren. Öffnen Sie diese Seite in Chrome, Edge oder Safari, um sie zu installieren.',
				desktop:
					'Klicken Sie auf das Installationssymbol in der Adressleiste oder öffnen Sie das Browsermenü und wählen Sie „App installieren“.'
			}
		},
		update: {
			ready: 'Eine neue Version von Parley ist bereit.',
			apply: 'Neu laden und aktualisieren',
			applying: 'Wird aktualisiert…'
		}
	},
	setup: {
		heading: 'Website einrichten',
		progress: '{{done}} von {{total}} erledigt',
		done: 'erledigt',
		todo: 'offen',
		created: { title: 'Website erstellt', hint: '' },
		installed: {
			title: 'Snippet installiert',
			hint: 'Fügen Sie das Snippet in Ihre Seiten ein; der erste Besuch hakt diesen Schritt ab.',
			action: 'Snippet holen'
		},
		paired: {
			title: 'Erster Mitarbeiter gekoppelt',
			hint: 'Erstellen Sie einen Kopplungslink und öffnen Sie ihn auf einem Smartphone oder Tablet.',
			action: 'Team einladen'
		},
		conversation: {
			title: 'Erstes Gespräch',
			hint: 'Öffnen Sie die Konsole und begrüßen Sie einen Besucher, oder warten Sie, bis jemand schreibt.',
			action: 'Konsole öffnen'
		}
	}
} as const satisfies Translation<typeof en>;
