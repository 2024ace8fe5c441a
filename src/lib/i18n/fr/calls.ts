/** French strings of the call screen (see en/calls.ts). */
import type { calls as en } from '../en/calls.ts';
import type { Translation } from '../languages.ts';

export const calls = {
	title: 'Appel avec {{name}}',
	someone: 'votre interlocuteur',
	audio: 'Appel audio',
	video: 'Appel vidéo',
	preparing: 'Démarrage de la caméra et du micro…',
	outgoing: 'Appel vers {{name}}…',
	incoming: '{{name}} vous appelle',
	incomingAudio: 'Appel audio entrant',
	incomingVideo: 'Appel vidéo entrant',
	connecting: 'Connexion…',
	reconnecting: 'Connexion perdue. Reconnexion…',
	accept: 'Accepter',
	decline: 'Refuser',
	mute: 'Couper le micro',
	cameraOff: 'Couper la caméra',
	switchCamera: 'Changer de caméra',
	output: 'Sortie audio',
	more: 'Plus d’options',
	outputDefault: 'Celle de cet appareil par défaut',
	outputUnnamed: 'Haut-parleur {{n}}',
	outputFailed: 'Le son n’a pas pu passer par cette sortie : {{message}}',
	speaker: 'Son de votre interlocuteur',
	hangup: 'Raccrocher',
	close: 'Fermer',
	you: 'Votre caméra',
	them: 'Vidéo de {{name}}',
	cameraIsOff: 'Caméra coupée',
	minimize: 'Revenir à la conversation',
	restore: 'Revenir à l’appel',
	effects: 'Effets',
	effectsTitle: 'Effets sur votre vidéo',
	badge: 'Badge avec le nom',
	logo: 'Logo du site',
	ended: {
		hangup: 'Appel terminé',
		'remote-hangup': 'Votre interlocuteur a raccroché',
		declined: 'Vous avez refusé l’appel',
		'remote-declined': 'L’appel a été refusé',
		cancelled: 'L’appel a été annulé',
		missed: 'Pas de réponse',
		busy: 'Un appel est déjà en cours dans cette conversation',
		closed: 'Cette conversation est fermée',
		'answered-elsewhere': 'Répondu sur un autre appareil',
		'media-denied':
			'L’accès à la caméra ou au micro a été refusé. Autorisez-le dans les réglages du navigateur, puis réessayez.',
		'media-missing': 'Aucune caméra ni aucun micro trouvé sur cet appareil.',
		unsupported: 'Les appels ne fonctionnent pas dans ce navigateur.',
		'ice-failed':
			'Connexion impossible : les réseaux des deux côtés bloquent une connexion directe et aucun serveur relais n’a répondu.',
		lost: 'La connexion a été perdue et n’a pas pu être rétablie.',
		failed: 'L’appel a échoué.'
	}
} as const satisfies Translation<typeof en>;
