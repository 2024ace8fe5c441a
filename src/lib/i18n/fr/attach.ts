/** French strings of attachments and voice messages (see en/attach.ts). */
import type { attach as en } from '../en/attach.ts';
import type { Translation } from '../languages.ts';

export const attach = {
	add: 'Joindre un fichier',
	camera: 'Prendre une photo',
	image: 'Image {{name}}',
	open: 'Ouvrir {{name}}',
	download: 'Télécharger {{name}} ({{type}}, {{size}})',
	uploading: 'Envoi : {{percent}} %',
	waiting: 'En attente de connexion',
	cancel: 'Annuler l’envoi de {{name}}',
	remove: 'Retirer',
	loading: 'Chargement…',
	unavailable: 'Impossible d’envoyer des fichiers pour le moment. Réessayez.',
	dismiss: 'Fermer',
	refused: {
		'too-large': '« {{name}} » est trop volumineux : la limite est de {{max}}.',
		type: '« {{name}} » ne peut pas être envoyé : ce type de fichier n’est pas autorisé.',
		empty: '« {{name}} » est vide.'
	},
	kind: {
		pdf: 'PDF',
		image: 'Image',
		audio: 'Audio',
		video: 'Vidéo',
		text: 'Texte',
		document: 'Document',
		spreadsheet: 'Feuille de calcul',
		presentation: 'Présentation',
		archive: 'Archive',
		file: 'Fichier'
	},
	voice: {
		record: 'Enregistrer un message vocal',
		recording: 'Enregistrement {{duration}}',
		stop: 'Arrêter et envoyer',
		cancel: 'Annuler l’enregistrement',
		play: 'Écouter le message vocal ({{duration}})',
		pause: 'Mettre le message vocal en pause',
		playing: 'Lecture',
		queued: 'Ensuite',
		tapToPlay: 'Touchez pour écouter',
		denied: 'Le micro n’est pas disponible. Autorisez-le dans le navigateur pour enregistrer.',
		unsupported: 'Ce navigateur ne peut pas enregistrer de messages vocaux.'
	}
} as const satisfies Translation<typeof en>;
