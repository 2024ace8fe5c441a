/** French strings of the marketing, sign-up, admin and pairing pages (see en/admin.ts). */
import type { admin as en } from '../en/admin.ts';
import type { Translation } from '../languages.ts';

export const admin = {
	shell: {
		sidebar: 'Barre latérale',
		accountMenu: 'Menu du compte',
		signedInAs: 'Connecté en tant que {{name}}',
		signOutFailed: 'Impossible de se déconnecter : {{message}}',
		goToSites: 'Aller à vos sites',
		openConsole: 'Ouvrir la console',
		footer: 'Service client open source et auto-hébergé.',
		signedOutTitle: 'Vous êtes déconnecté'
	},
	home: {
		eyebrow: 'Le chat en direct que vous hébergez vous-même',
		demo: {
			site: 'L’Épicerie du coin',
			greeting: 'Bonjour ! Une question sur votre commande ? Nous sommes là.'
		},
		title: 'Parlez en direct avec les visiteurs de votre site',
		lead: 'Parley montre à votre équipe qui est sur votre site en ce moment et lui permet de démarrer une conversation — texte, voix, fichiers, appels — depuis un téléphone ou une tablette. Open source et auto-hébergé.',
		features: {
			heading: 'Ce que vous obtenez',
			monitoring:
				'Voyez chaque visiteur en direct : la page consultée, sa provenance, le temps passé.',
			invitations: 'Invitez un visiteur à discuter avec un message qui s’affiche sur sa page.',
			conversations:
				'Discutez par texte, images, fichiers et messages vocaux, ou passez à un appel audio ou vidéo.',
			translation: 'Chacun écrit dans sa langue ; les messages arrivent traduits.',
			offline: 'Une app installable pour les agents, qui fonctionne hors ligne et les prévient.'
		},
		cta: 'Créer votre compte'
	},
	credentials: {
		email: 'E-mail',
		password: 'Mot de passe'
	},
	signup: {
		title: 'Créez votre compte Parley',
		lead: 'Gratuit et auto-hébergé. Votre premier site est prêt en deux minutes.',
		passwordHint: 'Au moins 6 caractères.',
		submit: 'Créer le compte',
		submitting: 'Création de votre compte…',
		checkEmail: 'Consultez {{email}} : un lien vous attend pour confirmer votre adresse.',
		failed: 'L’inscription a échoué : {{message}}',
		doneTitle: 'Votre compte est prêt',
		done: 'Vous êtes connecté en tant que {{email}}.',
		nextStep:
			'Créez maintenant votre premier site : vous obtiendrez l’extrait de code à coller dans vos pages.',
		checkEmailTitle: 'Consultez votre boîte de réception',
		continue: 'Créer votre premier site',
		haveAccount: 'Vous avez déjà un compte ?'
	},
	login: {
		forgot: 'Mot de passe oublié ?',
		title: 'Connexion à Parley',
		lead: 'Bon retour. Vos sites et votre équipe vous attendent.',
		submit: 'Se connecter',
		submitting: 'Connexion…',
		failed: 'Connexion impossible : {{message}}',
		noAccount: 'Nouveau sur Parley ?',
		signUp: 'Créer un compte'
	},
	authErrors: {
		invalidCredentials: 'E-mail ou mot de passe incorrect.',
		userAlreadyExists: 'Un compte existe déjà avec cet e-mail. Connectez-vous plutôt.',
		weakPassword: 'Ce mot de passe est trop faible : {{message}}',
		emailInvalid: 'Cette adresse e-mail n’est pas valide.',
		validationFailed: 'Vérifiez l’e-mail et le mot de passe : {{message}}',
		signupDisabled: 'Les inscriptions sont désactivées sur ce serveur.',
		emailNotConfirmed:
			'Confirmez d’abord votre adresse e-mail : le lien vous attend dans votre boîte de réception.',
		rateLimited: 'Trop de tentatives. Patientez une minute et réessayez.',
		userBanned: 'Ce compte est suspendu.',
		samePassword: 'Le nouveau mot de passe doit être différent de l’actuel.',
		emailRateLimited: 'Un e-mail vient d’être envoyé. Patientez un peu, puis redemandez.',
		linkExpired: 'Le lien a expiré ou a déjà servi.',
		mfaFailed:
			'Ce code n’est pas bon. Vérifiez l’heure du téléphone et utilisez le code le plus récent.',
		mfaNeeded: 'Saisissez d’abord un code de votre application d’authentification.',
		mfaExpired: 'C’était trop long. Réessayez avec un nouveau code.'
	},
	recover: {
		title: 'Réinitialiser votre mot de passe',
		lead: 'Saisissez l’e-mail avec lequel vous vous connectez. Nous vous enverrons un lien pour choisir un nouveau mot de passe.',
		submit: 'Envoyer le lien',
		submitting: 'Envoi…',
		sentTitle: 'Consultez votre boîte de réception',
		sent: 'Si un compte utilise {{email}}, un lien pour choisir un nouveau mot de passe est en route. Il ne sert qu’une fois ; regardez aussi dans les indésirables.',
		failed: 'Impossible d’envoyer le lien : {{message}}',
		remembered: 'Il vous revient ?',
		backToLogin: 'Se connecter'
	},
	resetPassword: {
		title: 'Choisissez un nouveau mot de passe',
		lead: 'Le nouveau mot de passe remplace l’ancien immédiatement, sur tous les appareils.',
		password: 'Nouveau mot de passe',
		submit: 'Enregistrer le mot de passe',
		submitting: 'Enregistrement…',
		failed: 'Impossible d’enregistrer le mot de passe : {{message}}',
		doneTitle: 'Mot de passe modifié',
		done: 'Votre nouveau mot de passe est enregistré et vous êtes connecté.',
		continue: 'Aller à vos sites',
		checking: 'Vérification du lien…',
		noLink:
			'Ouvrez le lien de l’e-mail de réinitialisation pour choisir ici un nouveau mot de passe.',
		linkFailed: 'Ce lien ne peut pas servir : {{message}}',
		askAgain: 'Envoyer un nouveau lien'
	},
	secondFactor: {
		title: 'Connexion en deux étapes',
		lead: 'Saisissez le code à 6 chiffres de votre application d’authentification.',
		code: 'Code',
		submit: 'Vérifier',
		submitting: 'Vérification…',
		otherAccount: 'Utiliser un autre compte',
		failed: 'Impossible de vérifier le code : {{message}}',
		heading: 'Connexion en deux étapes',
		off: 'Désactivée. Activez-la et la connexion demandera aussi un code d’une application d’authentification sur votre téléphone.',
		on: 'Activée. La connexion demande un code de votre application d’authentification, et les modifications de vos sites l’exigent.',
		turnOn: 'Activer',
		turnOff: 'Désactiver',
		scan: 'Scannez ce code QR avec une application d’authentification (Google Authenticator, 1Password ou Aegis par exemple), puis saisissez le code affiché.',
		qrAlt: 'Code QR pour votre application d’authentification',
		keyLabel: 'Impossible de scanner ? Saisissez cette clé :',
		confirm: 'Activer',
		cancel: 'Annuler',
		turnedOn: 'La connexion en deux étapes est activée.',
		turnedOff: 'La connexion en deux étapes est désactivée.',
		changeFailed: 'Impossible de modifier la connexion en deux étapes : {{message}}'
	},
	sites: {
		title: 'Vos sites',
		lead: 'Chaque site a son propre extrait de code, son équipe et l’apparence de son widget.',
		emptyTitle: 'Aucun site pour l’instant',
		empty: 'Aucun site pour l’instant. Créez-en un pour obtenir l’extrait de code de vos pages.',
		origins: 'Origines autorisées',
		moreOrigins_one: '+{{count}} autre',
		moreOrigins_many: '+{{count}} d’autres',
		moreOrigins_other: '+{{count}} autres',
		noOrigins: 'Aucune origine autorisée : le widget ne fonctionne encore nulle part.',
		create: 'Créer un site',
		installed: 'Installé',
		waiting: 'En attente de la première visite',
		role: { owner: 'Propriétaire', agent: 'Agent' },
		loadFailed: 'Impossible de charger vos sites : {{message}}',
		signInFirst: 'Connectez-vous pour voir vos sites.'
	},
	newSite: {
		title: 'Créer un site',
		submit: 'Créer le site',
		lead: 'Donnez-lui un nom, indiquez où le widget peut fonctionner et choisissez sa couleur. Tout reste modifiable ensuite.'
	},
	siteForm: {
		name: 'Nom du site',
		origins: 'Origines autorisées',
		originsHint:
			'Les adresses des sites web qui peuvent afficher le widget, une par ligne, par ex. https://shop.example.com.',
		color: 'Couleur du widget',
		position: 'Position du bouton',
		positionRight: 'En bas à droite',
		positionLeft: 'En bas à gauche',
		greeting: 'Message d’accueil',
		originsPlaceholder: 'https://shop.example.com',
		greetingHint: 'Affiché aux visiteurs quand ils ouvrent le chat.',
		language: 'Langue par défaut',
		saving: 'Enregistrement…',
		saved: 'Enregistré.',
		errors: {
			nameRequired: 'Donnez un nom au site.',
			nameTooLong: 'Le nom peut compter au plus {{max}} caractères.',
			originSuggest: '« {{entry}} » n’est pas une origine. Vouliez-vous dire {{suggestion}} ?',
			originNoScheme:
				'« {{entry}} » doit commencer par https:// ou http://. Vouliez-vous dire {{suggestion}} ?',
			originScheme:
				'« {{entry}} » n’est pas une adresse web : elle doit commencer par https:// ou http://.',
			originNotAddress:
				'« {{entry}} » n’est pas une adresse web. Saisissez l’adresse d’un site où le widget peut fonctionner, comme https://shop.example.com.',
			originsRequired:
				'Ajoutez au moins une adresse web. Le widget ne fonctionne que sur les adresses listées ici : sans aucune, il ne fonctionne nulle part.',
			originsRefused: 'L’une des origines autorisées n’est pas une origine valide.',
			tooManyOrigins: 'Un site peut avoir au plus {{max}} origines autorisées.',
			color: 'Choisissez une couleur.',
			position: 'Choisissez l’emplacement du bouton.',
			greetingTooLong:
				'Le message d’accueil compte {{length}} caractères, pour un maximum de {{max}}. Rien n’a été enregistré.',
			greetingLimit: 'Le message d’accueil peut compter au plus {{max}} caractères.',
			language: 'Choisissez une langue.',
			forbidden: 'Seul le propriétaire du site peut le modifier.',
			other: 'Enregistrement impossible : {{message}}'
		}
	},
	chatSettings: {
		heading: 'Conversations',
		lead: 'Ce qu’on demande aux visiteurs avant une discussion, les invitations envoyées par les agents et les limites d’une conversation.',
		prechat: 'Avant une discussion, demander',
		prechatName: 'Nom',
		prechatEmail: 'E-mail',
		prechatHint:
			'Demandé dans le widget avant le premier message. Si les deux sont désactivés, les visiteurs écrivent tout de suite.',
		rules: {
			off: 'Ne pas demander',
			optional: 'Demander, facultatif',
			required: 'Demander, obligatoire'
		},
		messages: 'Messages d’invitation enregistrés',
		messagesHint:
			'Un par ligne, {{max}} au plus. Les agents en choisissent un quand ils invitent un visiteur.',
		messagesPlaceholder: 'Bonjour ! Puis-je vous aider à trouver quelque chose ?',
		ttl: 'Durée d’attente d’une invitation (secondes)',
		ttlHint: 'De {{min}} à {{max}} secondes ; ensuite, elle expire si le visiteur n’a pas répondu.',
		attachment: 'Taille maximale d’une pièce jointe (Mo)',
		attachmentHint:
			'De {{min}} à {{max}} Mo, pour les images, fichiers et messages vocaux, dans les deux sens.',
		retention: 'Conserver les visiteurs silencieux pendant (jours)',
		retentionHint:
			'De {{min}} à {{max}} jours après leur dernière visite ; les visiteurs qui ont discuté sont conservés.',
		submit: 'Enregistrer les réglages des conversations',
		errors: {
			prechat: 'Choisissez s’il faut demander.',
			ttl: 'Saisissez un nombre entier de secondes entre {{min}} et {{max}}.',
			retention: 'Saisissez un nombre entier de jours entre {{min}} et {{max}}.',
			attachment: 'Saisissez un nombre entier de mégaoctets entre {{min}} et {{max}}.',
			messageTooLong: 'Le message {{line}} dépasse {{max}} caractères. Rien n’a été enregistré.',
			tooManyMessages_one: 'Il y a {{count}} message ; un site peut en conserver {{max}} au plus.',
			tooManyMessages_many:
				'Il y a {{count}} de messages ; un site peut en conserver {{max}} au plus.',
			tooManyMessages_other:
				'Il y a {{count}} messages ; un site peut en conserver {{max}} au plus.',
			messagesRefused:
				'Au plus {{max}} messages enregistrés de {{chars}} caractères chacun au maximum.'
		}
	},
	callBackgrounds: {
		heading: 'Arrière-plans d’appel',
		lead: 'Des images que les agents et les visiteurs peuvent mettre derrière eux en appel vidéo, à côté de celles de Parley. JPEG, PNG ou WebP, jusqu’à {{max}} ; les plus grandes sont réduites à {{side}} px avant l’envoi.',
		listLabel: 'Arrière-plans d’appel de ce site',
		item: 'Arrière-plan {{n}}',
		empty: 'Pas encore d’images à vous : les appels proposent les quatre de Parley.',
		count: '{{count}} sur {{max}}',
		add: 'Ajouter une image',
		adding: 'Envoi…',
		added: 'Ajoutée. Elle est proposée dans les appels dès maintenant.',
		remove: 'Retirer l’arrière-plan {{n}}',
		loadFailed: 'Les arrière-plans n’ont pas pu être chargés : {{message}}',
		problems: {
			full: 'Ce site a déjà {{max}} arrière-plans. Retirez-en un pour en ajouter un autre.',
			type: 'Ce fichier n’est pas une image utilisable par Parley. Choisissez une image JPEG, PNG ou WebP.',
			'too-large': 'Cette image dépasse {{mb}} Mo même réduite.',
			'not-image': 'Ce fichier n’a pas pu être lu comme une image.',
			forbidden: 'Seul le propriétaire du site peut modifier ses arrière-plans.',
			network: 'La connexion a échoué. Réessayez.',
			other: 'Cela n’a pas fonctionné : {{message}}'
		}
	},
	site: {
		notFoundTitle: 'Site introuvable',
		notFound: 'Ce site n’existe pas, ou vous ne faites pas partie de son équipe.',
		sections: 'Sections du site',
		tabs: {
			install: 'Installation',
			staff: 'Équipe et appareils',
			appearance: 'Apparence',
			settings: 'Réglages',
			danger: 'Zone de danger'
		},
		appearance: {
			heading: 'Apparence',
			lead: 'L’apparence du widget sur votre site. L’aperçu suit ce que vous saisissez.',
			preview: 'Aperçu',
			untitled: 'Votre site'
		},
		loadFailed: 'Impossible de charger le site : {{message}}',
		backToSites: 'Tous les sites',
		install: {
			heading: 'Installer l’extrait de code',
			lead: 'Collez cette ligne dans chaque page de votre site, juste avant la balise de fermeture </body> :',
			label: 'Extrait de code',
			copy: 'Copier l’extrait',
			copied: 'Copié dans le presse-papiers.',
			copyFailed: 'La copie est bloquée ici : sélectionnez l’extrait et copiez-le vous-même.',
			notes:
				'Le widget ne fonctionne que sur les origines autorisées du site (voir Réglages). La plupart des créateurs de sites proposent un réglage « code personnalisé » ou « scripts de pied de page » pour le coller.',
			waiting: 'En attente de la première visite…',
			installed: 'Installé sur {{page}} à {{time}}.',
			noOriginsTitle: 'Le widget ne fonctionne encore nulle part',
			noOrigins:
				'Ce site n’a aucune origine autorisée. Ajoutez l’adresse de votre site dans Réglages, sinon l’extrait ne fait rien.'
		},
		settings: {
			heading: 'Réglages',
			lead: 'Le nom du site, où le widget peut fonctionner, et sa langue.',
			submit: 'Enregistrer les modifications'
		},
		danger: {
			heading: 'Supprimer ce site',
			lead: 'La suppression efface le site, la clé de son extrait, ses visiteurs, ses conversations et l’accès de l’équipe. C’est irréversible.',
			start: 'Supprimer le site…',
			confirmTitle: 'Supprimer « {{name}} » ?',
			confirm: 'Supprimer « {{name}} » définitivement',
			cancel: 'Garder le site',
			deleting: 'Suppression…',
			failed: 'Impossible de supprimer le site : {{message}}'
		}
	},
	staff: {
		heading: 'Équipe et appareils',
		lead: 'Invitez chaque personne par son nom. Elle ouvre son lien d’appairage (ou scanne son QR code) sur son téléphone ou sa tablette et se retrouve connectée à la console. Chaque lien fonctionne une fois, pendant 24 heures.',
		name: 'Nom',
		email: 'E-mail (facultatif)',
		invite: 'Créer un lien d’appairage',
		inviteForm: 'Inviter une personne',
		removeTitle: 'Retirer {{name}} ?',
		removeLead:
			'Ses téléphones et tablettes sont déconnectés immédiatement, sauf si la personne travaille pour un autre de vos sites. Ses conversations sont conservées.',
		linkFor: 'Lien d’appairage pour {{name}}',
		members: 'Personnes de ce site',
		invitations: 'Liens d’appairage',
		you: 'Vous',
		remove: 'Retirer',
		removeNamed: 'Retirer {{name}}',
		confirmRemove: 'Retirer {{name}} et déconnecter ses appareils',
		cancel: 'Annuler',
		revoke: 'Révoquer',
		revokeNamed: 'Révoquer le lien de {{name}}',
		until: 'jusqu’à {{time}}',
		state: {
			pending: 'En attente d’ouverture',
			used: 'Utilisé',
			revoked: 'Révoqué',
			expired: 'Expiré'
		},
		errors: {
			nameRequired: 'Saisissez le nom de la personne.',
			email: 'Cette adresse e-mail ne semble pas correcte.',
			other: 'Une erreur s’est produite : {{message}}'
		}
	},
	links: {
		qrLabel: 'QR code : {{heading}}',
		copy: 'Copier le lien',
		copied: 'Lien copié.',
		copyFailed: 'La copie est bloquée ici : sélectionnez le lien et copiez-le vous-même.',
		expires: 'Fonctionne une fois, jusqu’à {{time}}.'
	},
	phone: {
		heading: 'Ouvrir la console sur votre téléphone',
		lead: 'Scannez ce code avec votre téléphone ou votre tablette pour la connecter à la console avec votre compte.',
		show: 'Afficher mon QR code',
		again: 'Afficher un nouveau code',
		cardHeading: 'Le lien de votre appareil',
		otherDevice: 'Connecter un autre appareil',
		otherDeviceLead:
			'Scannez ce code avec votre autre téléphone ou tablette pour le connecter à la console avec votre compte.',
		failed: 'Impossible de créer le lien : {{message}}'
	},
	account: {
		title: 'Votre compte',
		signInFirst: 'Connectez-vous pour voir votre compte.',
		email: 'E-mail',
		since: 'Membre depuis',
		memberSince: 'Membre depuis le {{date}}',
		password: {
			heading: 'Changer votre mot de passe',
			new: 'Nouveau mot de passe',
			submit: 'Changer le mot de passe',
			done: 'Votre mot de passe a été changé.',
			failed: 'Impossible de changer le mot de passe : {{message}}'
		},
		sessions: {
			heading: 'Déconnexion',
			lead: 'Déconnectez-vous de ce navigateur, ou de tous les appareils connectés avec votre compte (téléphones et tablettes compris).',
			here: 'Se déconnecter ici',
			everywhere: 'Se déconnecter partout'
		}
	},
	pair: {
		title: 'Appairer cet appareil',
		lead: 'Ce lien connecte ce téléphone ou cette tablette à la console Parley.',
		working: 'Connexion de cet appareil…',
		done: 'Cet appareil est connecté. Ouverture de la console…',
		openConsole: 'Ouvrir la console',
		replace: {
			lead: 'Cet appareil est connecté en tant que {{name}}. Ouvrir ce lien le connecte avec le lien à la place, et {{name}} est déconnecté ici.',
			continue: 'Utiliser le lien',
			keep: 'Rester connecté en tant que {{name}}'
		},
		refused: {
			missing:
				'Ce lien est incomplet. Ouvrez le lien d’appairage en entier, ou scannez à nouveau son QR code.',
			unknown:
				'Ce lien d’appairage n’est pas valide. Demandez-en un nouveau au propriétaire du site.',
			used: 'Ce lien d’appairage a déjà été utilisé. Chaque lien ne fonctionne qu’une fois : demandez-en un nouveau au propriétaire du site.',
			revoked:
				'Ce lien d’appairage a été révoqué par le propriétaire du site. Demandez-lui-en un nouveau.',
			expired: 'Ce lien d’appairage a expiré. Demandez-en un nouveau.',
			failed: 'L’appairage n’a pas fonctionné cette fois : {{message}}. Rouvrez le lien.'
		}
	},
	pwa: {
		install: {
			title: 'Installer Parley sur cet appareil',
			lead: 'Ouvrez la console depuis votre écran d’accueil comme n’importe quelle app, et continuez à lire les conversations quand le réseau coupe.',
			button: 'Installer',
			installing: 'Installation…',
			dismiss: 'Plus tard',
			steps: {
				iosShare: 'Touchez le bouton Partager dans la barre du navigateur.',
				iosAdd: 'Choisissez Sur l’écran d’accueil, puis Ajouter.',
				androidMenu: 'Ouvrez le menu du navigateur (⋮).',
				androidInstall: 'Choisissez Installer l’application ou Ajouter à l’écran d’accueil.',
				mobileMenu: 'Ouvrez le menu du navigateur.',
				mobileAdd: 'Choisissez Ajouter à l’écran d’accueil ou Installer l’application.'
			},
			hints: {
				safariMac: 'Dans la barre des menus, choisissez Fichier, puis Ajouter au Dock.',
				firefoxDesktop:
					'Ce navigateur ne peut pas installer d’apps. Ouvrez cette page dans Chrome, Edge ou Safari pour l’installer.',
				desktop:
					'Cliquez sur l’icône d’installation dans la barre d’adresse, ou ouvrez le menu du navigateur et choisissez Installer l’application.'
			}
		},
		update: {
			ready: 'Une nouvelle version de Parley est prête.',
			apply: 'Recharger pour mettre à jour',
			applying: 'Mise à jour…'
		}
	},
	setup: {
		heading: 'Configurer votre site',
		progress: '{{done}} sur {{total}} terminées',
		done: 'terminé',
		todo: 'à faire',
		created: { title: 'Site créé', hint: '' },
		installed: {
			title: 'Extrait de code installé',
			hint: 'Collez l’extrait dans vos pages ; la première visite coche cette étape.',
			action: 'Obtenir l’extrait'
		},
		paired: {
			title: 'Premier agent appairé',
			hint: 'Créez un lien d’appairage et ouvrez-le sur un téléphone ou une tablette.',
			action: 'Inviter votre équipe'
		},
		conversation: {
			title: 'Première conversation',
			hint: 'Ouvrez la console et saluez un visiteur, ou attendez qu’il écrive.',
			action: 'Ouvrir la console'
		}
	}
} as const satisfies Translation<typeof en>;
