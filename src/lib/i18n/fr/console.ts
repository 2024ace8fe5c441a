/** French strings of the agent console (see en/console.ts). */
import type { consoleStrings as en } from '../en/console.ts';
import type { Translation } from '../languages.ts';

export const consoleStrings = {
	title: 'Console',
	loading: 'Ouverture de la console…',
	signedOut:
		'Cet appareil n’est pas connecté. Ouvrez le lien d’appairage envoyé par le propriétaire du site, ou connectez-vous.',
	signedInAs: 'Connecté en tant que {{name}}',
	loadFailed: 'Impossible de charger vos sites : {{message}}',
	noSites:
		'Vous ne faites (plus) partie de l’équipe d’aucun site. Demandez un nouveau lien d’appairage au propriétaire du site.',
	sites: 'Vos sites',
	nav: {
		label: 'Console',
		visitors: 'Visiteurs',
		conversations: 'Conversations',
		settings: 'Réglages',
		admin: 'Administration',
		liveVisitors_one: '{{count}} visiteur en direct',
		liveVisitors_many: '{{count}} de visiteurs en direct',
		liveVisitors_other: '{{count}} visiteurs en direct',
		unread_one: '{{count}} conversation non lue',
		unread_many: '{{count}} de conversations non lues',
		unread_other: '{{count}} conversations non lues'
	},
	site: {
		switch: 'Changer de site',
		choose: 'Vos sites'
	},
	push: {
		heading: 'Notifications',
		lead: 'Recevez une notification sur cet appareil quand un visiteur démarre une conversation, accepte votre invitation ou vous écrit.',
		on: 'Activées sur cet appareil',
		off: 'Désactivées sur cet appareil',
		blocked: 'Bloquées par le navigateur',
		blockedHelp:
			'Les notifications de ce site sont bloquées dans les réglages du navigateur. Autorisez-les (l’icône à gauche de l’adresse), puis revenez.',
		unsupported: 'Non prises en charge ici',
		unsupportedHelp:
			'Ce navigateur ne peut pas recevoir de notifications push. Sur iPhone et iPad, ajoutez d’abord Parley à l’écran d’accueil et ouvrez-le depuis là.',
		turnOn: 'Activer les notifications',
		turnOff: 'Désactiver',
		working: 'Un instant…',
		failed: 'Impossible de modifier les notifications : {{message}}',
		visibleNote:
			'Quand l’une de vos consoles est ouverte devant vous, c’est elle qui vous prévient.',
		notification: {
			visitor: 'Visiteur',
			started: 'Nouvelle conversation sur {{site}}',
			startedBody: '{{name}} attend une réponse',
			message: '{{name}}',
			messages: '{{count}} nouveaux messages : {{preview}}',
			accepted: '{{name}} a accepté votre invitation',
			acceptedBody: 'Discussion en cours sur {{site}}',
			transfer: '{{from}} vous propose une conversation',
			transferBody: '{{name}} sur {{site}}',
			transferNote: '{{name}} : {{preview}}',
			whisper: '{{from}}, à propos de {{name}}',
			colleague: 'Un collègue',
			image: 'A envoyé une image',
			file: 'A envoyé un fichier',
			voice: 'A envoyé un message vocal',
			callAudio: 'Appel audio entrant',
			callVideo: 'Appel vidéo entrant',
			callBody: '{{name}} appelle depuis {{site}}'
		}
	},
	connection: {
		online: 'Connecté',
		reconnecting: 'Reconnexion…',
		offline: 'Hors ligne',
		queued_one: '{{count}} réponse en attente',
		queued_many: '{{count}} de réponses en attente',
		queued_other: '{{count}} réponses en attente'
	},
	availability: {
		label: 'Disponible pour discuter',
		online: 'En ligne',
		away: 'Absent',
		failed: 'Impossible de modifier votre disponibilité : {{message}}',
		lead: 'Quand vous êtes en ligne, les visiteurs peuvent démarrer une discussion et le widget de votre site indique que quelqu’un est là. Absent garde la console ouverte sans nouvelles discussions.'
	},
	visitors: {
		title: 'Visiteurs',
		count_one: '{{count}} en ligne maintenant',
		count_many: '{{count}} de personnes en ligne maintenant',
		count_other: '{{count}} en ligne maintenant',
		shown: '{{shown}} sur {{count}} affichés',
		list: 'Visiteurs en direct',
		loadFailed: 'Impossible de charger les visiteurs : {{message}}',
		asOf: 'Non connecté : ces visiteurs étaient sur le site à {{time}}.',
		emptyTitle: 'Personne sur votre site pour le moment',
		emptyInstalled:
			'Les visiteurs apparaissent ici dès qu’ils ouvrent une page de {{site}}, avec la page consultée, leur provenance et le temps passé.',
		emptyNotInstalled:
			'Installez l’extrait de code sur votre site pour voir les visiteurs ici, en direct, avec la page consultée et le temps passé.',
		emptyAgent:
			'Demandez au propriétaire du site d’installer l’extrait de code ; les visiteurs apparaîtront alors ici en direct.',
		installStep: 'Installer l’extrait de code',
		noMatchTitle: 'Aucun visiteur ne correspond à ces filtres',
		noMatch: 'Effacez les filtres pour voir tous les visiteurs en ligne.',
		clearFilters: 'Effacer les filtres',
		direct: 'Accès direct',
		from: 'Depuis {{host}}',
		pages_one: '{{count}} page',
		pages_many: '{{count}} de pages',
		pages_other: '{{count}} pages',
		onSite: 'Temps sur le site',
		new: 'Nouveau',
		returning: 'De retour · visite {{count}}',
		untitled: 'Page sans titre',
		open: 'Inviter {{name}}',
		device: {
			phone: 'Téléphone',
			tablet: 'Tablette',
			desktop: 'Ordinateur'
		},
		filter: {
			label: 'Filtrer les visiteurs',
			page: 'Page',
			pagePlaceholder: 'URL ou titre',
			language: 'Langue',
			anyLanguage: 'Toutes les langues',
			recurrence: 'Visiteurs',
			all: 'Tous',
			new: 'Nouveaux',
			returning: 'De retour'
		}
	},
	invite: {
		title: 'Inviter à discuter',
		message: 'Message',
		messageHint: 'Laissez vide pour envoyer le message d’accueil du site.',
		saved: 'Messages enregistrés',
		send: 'Envoyer l’invitation',
		sending: 'Envoi…',
		cancel: 'Retirer',
		again: 'Inviter à nouveau',
		openChat: 'Ouvrir la conversation',
		failed: 'Impossible d’envoyer l’invitation : {{message}}',
		gone: 'Ce visiteur a quitté le site.',
		state: {
			sent: 'Invitation envoyée · encore {{seconds}} s',
			seen: 'Vue par le visiteur · encore {{seconds}} s',
			accepted: 'Acceptée',
			declined: 'Refusée',
			expired: 'Expirée sans réponse',
			cancelled: 'Retirée'
		},
		badge: {
			sent: 'Invité',
			seen: 'Invitation vue',
			accepted: 'Acceptée',
			declined: 'Refusée',
			expired: 'Expirée',
			cancelled: 'Retirée',
			countdown: '{{seconds}} s'
		},
		byColleague: 'Invité par {{name}}'
	},
	conversations: {
		title: 'Conversations',
		list: 'Conversations',
		views: {
			label: 'Afficher',
			unassigned: 'Non attribuées',
			mine: 'Les miennes',
			all: 'Toutes les ouvertes',
			closed: 'Fermées',
			offline: 'Messages'
		},
		loadFailed: 'Impossible de charger les conversations : {{message}}',
		empty: {
			unassigned:
				'Les nouvelles discussions des visiteurs arrivent ici jusqu’à ce que quelqu’un les prenne. Invitez un visiteur depuis l’onglet Visiteurs pour en démarrer une vous-même.',
			mine: 'Les discussions que vous prenez ou démarrez par une invitation apparaissent ici.',
			all: 'Toutes les discussions ouvertes du site apparaissent ici, quel que soit l’agent.',
			closed: 'Les discussions fermées restent ici pour que vous puissiez les relire.',
			offline:
				'Quand personne n’est en ligne, les visiteurs peuvent laisser un message avec leur e-mail. Ces messages vous attendent ici.'
		},
		emptyTitle: {
			unassigned: 'Aucune discussion en attente',
			mine: 'Vous n’avez aucune discussion ouverte',
			all: 'Aucune discussion ouverte',
			closed: 'Aucune discussion fermée pour l’instant',
			offline: 'Aucun message laissé'
		},
		goVisitors: 'Voir qui est en ligne',
		pick: 'Choisissez une conversation',
		pickLead: 'Choisissez une discussion dans la liste pour la lire et y répondre.',
		anonymous: 'Visiteur {{id}}',
		unread_one: '{{count}} non lu',
		unread_many: '{{count}} de non lus',
		unread_other: '{{count}} non lus',
		noMessages: 'Pas encore de messages',
		more_one: 'Afficher plus ({{count}} plus ancienne)',
		more_many: 'Afficher plus ({{count}} de plus anciennes)',
		more_other: 'Afficher plus ({{count}} plus anciennes)',
		unassignedBadge: 'Non attribuée',
		takenBy: 'Avec {{name}}',
		yours: 'À vous',
		closedBadge: 'Fermée',
		leftMessage: 'Message laissé'
	},
	conversation: {
		back: 'Retour aux conversations',
		take: 'Prendre',
		taking: 'Prise en charge…',
		close: 'Fermer',
		closing: 'Fermeture…',
		closeConfirm: 'Fermer cette conversation ?',
		keepOpen: 'La garder ouverte',
		closeAction: 'Fermer la conversation',
		closeLead: 'Le visiteur la voit fermée et peut en démarrer une nouvelle.',
		takenBy: '{{name}} a pris cette conversation.',
		takenBySomeone: 'Un collègue a pris cette conversation.',
		takeFirst: 'Prenez cette conversation pour répondre.',
		closed: 'Cette conversation est fermée.',
		notFound: 'Cette conversation n’existe pas ou n’appartient pas à vos sites.',
		failed: 'Cela n’a pas fonctionné : {{message}}',
		details: 'Visiteur',
		detailsShow: 'Détails du visiteur',
		name: 'Nom',
		email: 'E-mail',
		page: 'Page actuelle',
		language: 'Langue',
		device: 'Appareil',
		referrer: 'Provenance',
		started: 'Début',
		notOnline: 'N’est plus sur le site',
		loading: 'Chargement de la conversation…'
	},
	note: {
		mode: 'Écrire une réponse ou une note interne',
		reply: 'Réponse',
		note: 'Note interne',
		to: 'Pour',
		team: 'Toute l’équipe',
		hint: 'Seuls vos collègues voient les notes ; la personne choisie est prévenue aussitôt.',
		whisper: '{{name}} a besoin de vous dans une conversation',
		whisperSomeone: 'Un collègue a besoin de vous dans une conversation',
		draft: 'Un brouillon de réponse pour le visiteur'
	},
	transfer: {
		button: 'Transférer',
		title: 'Transférer cette conversation',
		lead: 'Votre collègue la reçoit avec tout l’historique ; vous pourrez la lire, mais plus y écrire.',
		to: 'À',
		anyone: 'N’importe quel agent disponible',
		online: 'En ligne',
		away: 'Absent',
		offline: 'Pas dans la console',
		open: '{{count}} ouvertes',
		note: 'Note pour votre collègue (facultative)',
		callNote: 'L’appel en cours reste avec vous : il n’est pas transféré.',
		send: 'Proposer la conversation',
		sending: 'Envoi de l’offre…',
		pending: 'Proposée à {{name}} · {{seconds}} s',
		pendingAnyone: 'Proposée à n’importe quel agent disponible · {{seconds}} s',
		cancel: 'Retirer',
		noColleagues: 'Personne d’autre ne travaille encore sur ce site.',
		failed: 'L’offre n’est pas partie : {{message}}',
		incoming: '{{name}} vous propose une conversation',
		incomingSomeone: 'Un collègue vous propose une conversation',
		with: 'Avec {{name}}',
		last: 'Dernier message',
		seconds: 'Répondez d’ici {{seconds}} s',
		accept: 'La prendre',
		decline: 'Pas maintenant',
		lost: 'Quelqu’un d’autre l’a prise avant vous.',
		gone: 'Cette offre n’est plus ouverte.',
		outcomeTaken: '{{name}} a pris cette conversation en premier.',
		outcomeExpired:
			'Cette offre n’a pas reçu de réponse à temps ; la conversation reste avec {{name}}.',
		outcomeCancelled: '{{name}} a retiré cette offre.',
		outcomeDeclined: 'Vous avez refusé cette offre.'
	},
	team: {
		title: 'Équipe',
		button: 'Équipe : {{count}} en ligne',
		empty: 'Personne d’autre dans la console.',
		you: '{{name}} (vous)',
		unnamed: 'Agent',
		open_one: '{{count}} ouverte',
		open_many: '{{count}} d’ouvertes',
		open_other: '{{count}} ouvertes'
	},
	sound: {
		title: 'Son et absence',
		locked: 'Le son est coupé jusqu’à ce que vous touchiez l’écran.',
		unlock: 'Activer le son',
		label: 'Son pour les nouvelles discussions et les messages',
		lead: 'Sonne et vibre pour les nouvelles conversations et les messages des visiteurs, sauf dans la conversation que vous lisez. L’icône de l’app indique le nombre de conversations non lues.',
		test: 'Jouer un son de test',
		awayAfter: 'Passer en absent après une inactivité de',
		awayLead:
			'Pendant votre absence, les visiteurs peuvent laisser un message. La console repasse en ligne à votre retour, sauf si vous avez choisi Absent vous-même.',
		never: 'Jamais',
		minutes_one: '{{count}} minute',
		minutes_many: '{{count}} de minutes',
		minutes_other: '{{count}} minutes'
	},
	translation: {
		title: 'Traduction',
		toggle: 'Traduire les messages',
		language: 'Langue du visiteur',
		unknown: 'Pas encore connue',
		fromBrowser: 'D’après le navigateur du visiteur',
		fromDetected: 'Détectée dans ses messages',
		fromAgent: 'Choisie par un agent',
		same: 'Le visiteur parle votre langue : rien à traduire.',
		noPair:
			'Ce serveur ne sait pas traduire entre {{visitor}} et {{agent}} : les messages s’affichent tels qu’ils ont été écrits.',
		failed: 'Enregistrement impossible : {{message}}',
		off: 'La traduction est désactivée : aucun moteur de traduction n’est configuré sur ce serveur.',
		down: 'La traduction est configurée, mais son moteur est injoignable pour le moment. Les messages s’affichent tels qu’ils ont été écrits jusqu’à son retour.',
		on: 'Les messages entre vous et les visiteurs qui écrivent dans une autre langue sont traduits automatiquement par {{provider}}, sur votre propre serveur.',
		you: 'Vous lisez et écrivez en {{language}}, la langue de votre interface.',
		pairs: 'Il traduit entre'
	},
	settings: {
		title: 'Réglages',
		availability: 'Disponibilité',
		appearance: 'Apparence',
		themeLead: 'Clair, sombre ou comme cet appareil.',
		install: 'Installer l’app',
		installed: 'Parley est installé sur cet appareil.',
		installNow: 'Installer',
		adminLead: 'Sites, équipe, extrait de code et votre compte.',
		sites: 'Vos sites',
		signOut: 'Se déconnecter'
	},
	call: {
		ringingVideo: '{{name}} vous appelle (vidéo)',
		ringingAudio: '{{name}} vous appelle (audio)',
		ringingSite: 'Un visiteur appelle sur {{site}}',
		open: 'Ouvrir'
	}
} as const satisfies Translation<typeof en>;
