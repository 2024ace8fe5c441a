/** Spanish strings of the chat components and the widget (see en/widget.ts). */
import type { widget as en } from '../en/widget.ts';
import type { Translation } from '../languages.ts';
import { attach } from './attach.ts';

export const widget = {
	attach,
	chat: {
		log: 'Mensajes',
		you: 'Tú',
		visitor: 'Visitante',
		agent: 'Agente',
		today: 'Hoy',
		yesterday: 'Ayer',
		joined: '{{name}} se ha unido a la conversación',
		joinedSomeone: 'Un agente se ha unido a la conversación',
		transferred: 'Ahora hablas con {{name}}',
		transferredSomeone: 'Ahora hablas con otro agente',
		transferOffered: '{{from}} ofreció la conversación a {{to}}',
		transferredAgents: '{{from}} pasó la conversación a {{to}}',
		transferDeclined: '{{to}} rechazó la transferencia',
		transferExpired: 'La transferencia a {{to}} no se respondió a tiempo',
		transferCancelled: 'Se retiró la transferencia a {{to}}',
		anyAgent: 'cualquier agente disponible',
		internal: 'Nota interna · el visitante no la ve',
		draft: 'Borrador de respuesta · el visitante aún no lo ve',
		useDraft: 'Usar como respuesta',
		closedByVisitor: 'El visitante ha cerrado la conversación',
		closed: 'La conversación se ha cerrado',
		state: {
			queued: 'Esperando conexión',
			sending: 'Enviando…',
			sent: 'Enviado',
			delivered: 'Entregado',
			read: 'Leído',
			failed: 'No enviado'
		},
		failure: {
			network: 'No enviado: no hay conexión.',
			'rate-limited': 'No enviado: demasiados mensajes seguidos. Espera un momento.',
			closed: 'No enviado: la conversación está cerrada.',
			held: 'No enviado: ahora lleva esta conversación un compañero.',
			'too-long': 'No enviado: el mensaje es demasiado largo.',
			refused: 'No enviado.',
			'too-large': 'No enviado: el archivo es demasiado grande.',
			type: 'No enviado: este tipo de archivo no está permitido.',
			lost: 'No enviado: el archivo ya no está en este dispositivo.'
		},
		retry: 'Reintentar',
		typing: '{{name}} está escribiendo…',
		typingSomeone: 'Escribiendo…',
		composer: {
			label: 'Mensaje',
			form: 'Responder',
			placeholder: 'Escribe un mensaje…',
			send: 'Enviar',
			counter: '{{count}} / {{max}}',
			tooLong_one: 'Sobra {{count}} carácter',
			tooLong_many: 'Sobran {{count}} de caracteres',
			tooLong_other: 'Sobran {{count}} caracteres',
			closed: 'Esta conversación está cerrada.'
		},
		connection: {
			reconnecting: 'Reconectando…'
		},
		opensInNewTab: '(se abre en una pestaña nueva)',
		translation: {
			translated: 'Traducido',
			showOriginal: 'Ver original',
			showTranslation: 'Ver traducción',
			unavailable: 'Sin traducir: la traducción no está disponible ahora.',
			unsupported: 'Sin traducir: no hay traducción entre estos idiomas.'
		}
	},
	widget: {
		title: 'Chatea con {{name}}',
		close: 'Cerrar el chat',
		loading: 'Cargando el chat…',
		unavailable: 'El chat no está disponible en este momento. Inténtalo más tarde.',
		online: 'Estamos en línea',
		offline: 'Ahora mismo no estamos',
		prechat: {
			intro: 'Antes de empezar, cuéntanos quién eres.',
			name: 'Tu nombre',
			email: 'Tu correo electrónico',
			optional: '(opcional)',
			start: 'Iniciar la conversación',
			starting: 'Iniciando…'
		},
		leave: {
			title: 'Déjanos un mensaje',
			intro:
				'Ahora mismo no hay nadie conectado. Déjanos tu mensaje y tu correo, y te responderemos por correo electrónico.',
			email: 'Tu correo electrónico',
			name: 'Tu nombre',
			message: 'Tu mensaje',
			send: 'Enviar mensaje',
			sending: 'Enviando…',
			sent: '¡Gracias! Hemos recibido tu mensaje y te responderemos a {{email}}.',
			another: 'Escribir otro mensaje'
		},
		closed: {
			title: 'Esta conversación ha terminado.',
			again: 'Iniciar una conversación nueva'
		},
		end: {
			label: 'Terminar la conversación',
			title: '¿Terminar esta conversación?',
			lead: 'El agente verá que la has terminado. Puedes iniciar otra cuando quieras.',
			cancel: 'Seguir chateando',
			confirm: 'Terminar la conversación',
			failed: 'No se ha podido terminar la conversación. Inténtalo de nuevo.'
		},
		errors: {
			nameRequired: 'Escribe tu nombre.',
			emailRequired: 'Escribe tu dirección de correo electrónico.',
			emailInvalid: 'Esa dirección de correo no parece correcta.',
			messageRequired: 'Escribe un mensaje.',
			failed: 'No ha funcionado. Inténtalo de nuevo.'
		},
		preview: {
			label: 'Vista previa del widget de chat',
			visitorSample: '¡Hola! ¿Hacéis envíos a Canadá?',
			agentSample: 'Sí: la entrega tarda de 3 a 5 días. ¿Te puedo ayudar con algo más?',
			agentName: 'Álex',
			accept: 'Chatear ahora',
			decline: 'No, gracias'
		}
	},
	call: {
		startAudio: 'Iniciar una llamada de voz',
		startVideo: 'Iniciar una videollamada',
		summary: {
			audio: 'Llamada de voz · {{duration}}',
			video: 'Videollamada · {{duration}}',
			declined: 'Llamada rechazada',
			cancelled: 'Llamada cancelada',
			missed: 'Llamada perdida',
			failed: 'No se pudo conectar la llamada'
		}
	}
} as const satisfies Translation<typeof en>;
