/** French strings of the chat components and the widget (see en/widget.ts). */
import type { widget as en } from '../en/widget.ts';
import type { Translation } from '../languages.ts';
import { attach } from './attach.ts';

export const widget = {
	attach,
	chat: {
		log: 'Messages',
		you: 'Vous',
		visitor: 'Visiteur',
		agent: 'Agent',
		today: 'Aujourd’hui',
		yesterday: 'Hier',
		joined: '{{name}} a rejoint la conversation',
		joinedSomeone: 'Un agent a rejoint la conversation',
		transferred: 'Vous discutez maintenant avec {{name}}',
		transferredSomeone: 'Vous discutez maintenant avec un autre agent',
		transferOffered: '{{from}} a proposé la conversation à {{to}}',
		transferredAgents: '{{from}} a passé la conversation à {{to}}',
		transferDeclined: '{{to}} a refusé le transfert',
		transferExpired: 'Le transfert à {{to}} n’a pas reçu de réponse à temps',
		transferCancelled: 'Le transfert à {{to}} a été retiré',
		anyAgent: 'n’importe quel agent disponible',
		internal: 'Note interne · le visiteur ne la voit pas',
		draft: 'Brouillon de réponse · le visiteur ne le voit pas encore',
		useDraft: 'Utiliser comme réponse',
		closedByVisitor: 'Le visiteur a fermé la conversation',
		closed: 'La conversation a été fermée',
		state: {
			queued: 'En attente de connexion',
			sending: 'Envoi…',
			sent: 'Envoyé',
			delivered: 'Distribué',
			read: 'Lu',
			failed: 'Non envoyé'
		},
		failure: {
			network: 'Non envoyé : pas de connexion.',
			'rate-limited': 'Non envoyé : trop de messages d’un coup. Patientez un instant.',
			closed: 'Non envoyé : la conversation est fermée.',
			held: 'Non envoyé : un collègue a maintenant cette conversation.',
			'too-long': 'Non envoyé : le message est trop long.',
			refused: 'Non envoyé.',
			'too-large': 'Non envoyé : le fichier est trop volumineux.',
			type: 'Non envoyé : ce type de fichier n’est pas autorisé.',
			lost: 'Non envoyé : le fichier n’est plus sur cet appareil.'
		},
		retry: 'Réessayer',
		typing: '{{name}} écrit…',
		typingSomeone: 'En train d’écrire…',
		composer: {
			label: 'Message',
			form: 'Répondre',
			placeholder: 'Écrivez un message…',
			send: 'Envoyer',
			counter: '{{count}} / {{max}}',
			tooLong_one: '{{count}} caractère de trop',
			tooLong_many: '{{count}} de caractères de trop',
			tooLong_other: '{{count}} caractères de trop',
			closed: 'Cette conversation est fermée.'
		},
		connection: {
			reconnecting: 'Reconnexion…'
		},
		opensInNewTab: '(s’ouvre dans un nouvel onglet)',
		translation: {
			translated: 'Traduit',
			showOriginal: 'Voir l’original',
			showTranslation: 'Voir la traduction',
			unavailable: 'Non traduit : la traduction n’est pas disponible pour le moment.',
			unsupported: 'Non traduit : pas de traduction entre ces langues.'
		}
	},
	widget: {
		title: 'Discuter avec {{name}}',
		close: 'Fermer le chat',
		loading: 'Chargement du chat…',
		unavailable: 'Le chat n’est pas disponible pour le moment. Réessayez plus tard.',
		online: 'Nous sommes en ligne',
		offline: 'Nous sommes absents pour le moment',
		prechat: {
			intro: 'Avant de commencer, dites-nous qui vous êtes.',
			name: 'Votre nom',
			email: 'Votre e-mail',
			optional: '(facultatif)',
			start: 'Démarrer la conversation',
			starting: 'Démarrage…'
		},
		leave: {
			title: 'Laissez-nous un message',
			intro:
				'Personne n’est en ligne pour le moment. Laissez un message et votre e-mail : nous vous répondrons par e-mail.',
			email: 'Votre e-mail',
			name: 'Votre nom',
			message: 'Votre message',
			send: 'Envoyer le message',
			sending: 'Envoi…',
			sent: 'Merci ! Nous avons bien reçu votre message et répondrons à {{email}}.',
			another: 'Écrire un autre message'
		},
		closed: {
			title: 'Cette conversation est terminée.',
			again: 'Démarrer une nouvelle conversation'
		},
		end: {
			label: 'Terminer la conversation',
			title: 'Terminer cette conversation ?',
			lead: 'L’agent verra que vous l’avez terminée. Vous pouvez en démarrer une nouvelle à tout moment.',
			cancel: 'Continuer à discuter',
			confirm: 'Terminer la conversation',
			failed: 'Impossible de terminer la conversation. Réessayez.'
		},
		errors: {
			nameRequired: 'Indiquez votre nom.',
			emailRequired: 'Indiquez votre adresse e-mail.',
			emailInvalid: 'Cette adresse e-mail ne semble pas correcte.',
			messageRequired: 'Écrivez un message.',
			failed: 'Cela n’a pas fonctionné. Réessayez.'
		},
		preview: {
			label: 'Aperçu du widget de chat',
			visitorSample: 'Bonjour ! Vous livrez au Canada ?',
			agentSample: 'Oui : la livraison prend de 3 à 5 jours. Puis-je vous aider pour autre chose ?',
			agentName: 'Alex',
			accept: 'Discuter',
			decline: 'Non merci'
		}
	},
	call: {
		startAudio: 'Lancer un appel audio',
		startVideo: 'Lancer un appel vidéo',
		summary: {
			audio: 'Appel audio · {{duration}}',
			video: 'Appel vidéo · {{duration}}',
			declined: 'Appel refusé',
			cancelled: 'Appel annulé',
			missed: 'Appel manqué',
			failed: 'L’appel n’a pas pu aboutir'
		}
	}
} as const satisfies Translation<typeof en>;
