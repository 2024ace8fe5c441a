/** Spanish strings of the agent console (see en/console.ts). */
import type { consoleStrings as en } from '../en/console.ts';
import type { Translation } from '../languages.ts';

export const consoleStrings = {
	title: 'Consola',
	loading: 'Abriendo la consola…',
	signedOut:
		'Este dispositivo no ha iniciado sesión. Abre el enlace de vinculación que te envió el propietario del sitio, o inicia sesión.',
	signedInAs: 'Sesión iniciada como {{name}}',
	loadFailed: 'No se han podido cargar tus sitios: {{message}}',
	noSites:
		'No formas parte del equipo de ningún sitio (o ya no). Pide al propietario del sitio un enlace de vinculación nuevo.',
	sites: 'Tus sitios',
	nav: {
		label: 'Consola',
		visitors: 'Visitantes',
		conversations: 'Conversaciones',
		settings: 'Ajustes',
		admin: 'Administración',
		liveVisitors_one: '{{count}} visitante en directo',
		liveVisitors_many: '{{count}} de visitantes en directo',
		liveVisitors_other: '{{count}} visitantes en directo',
		unread_one: '{{count}} conversación sin leer',
		unread_many: '{{count}} de conversaciones sin leer',
		unread_other: '{{count}} conversaciones sin leer'
	},
	site: {
		switch: 'Cambiar de sitio',
		choose: 'Tus sitios'
	},
	push: {
		heading: 'Notificaciones',
		lead: 'Recibe una notificación en este dispositivo cuando un visitante inicie una conversación, acepte tu invitación o te escriba.',
		on: 'Activadas en este dispositivo',
		off: 'Desactivadas en este dispositivo',
		blocked: 'Bloqueadas por el navegador',
		blockedHelp:
			'Las notificaciones de este sitio están bloqueadas en la configuración del navegador. Permítelas ahí (el icono a la izquierda de la dirección) y vuelve.',
		unsupported: 'No disponibles aquí',
		unsupportedHelp:
			'Este navegador no puede recibir notificaciones push. En iPhone y iPad, añade primero Parley a la pantalla de inicio y ábrelo desde ahí.',
		turnOn: 'Activar las notificaciones',
		turnOff: 'Desactivar',
		working: 'Un momento…',
		failed: 'No se han podido cambiar las notificaciones: {{message}}',
		visibleNote: 'Mientras tengas una consola abierta delante, es ella la que te avisa.',
		notification: {
			visitor: 'Visitante',
			started: 'Nueva conversación en {{site}}',
			startedBody: '{{name}} espera una respuesta',
			message: '{{name}}',
			messages: '{{count}} mensajes nuevos: {{preview}}',
			accepted: '{{name}} ha aceptado tu invitación',
			acceptedBody: 'Chateando ahora en {{site}}',
			transfer: '{{from}} te ofrece una conversación',
			transferBody: '{{name}} en {{site}}',
			transferNote: '{{name}}: {{preview}}',
			whisper: '{{from}}, sobre {{name}}',
			colleague: 'Un compañero',
			image: 'Ha enviado una imagen',
			file: 'Ha enviado un archivo',
			voice: 'Ha enviado un mensaje de voz',
			callAudio: 'Llamada de voz entrante',
			callVideo: 'Videollamada entrante',
			callBody: '{{name}} te llama desde {{site}}'
		}
	},
	connection: {
		online: 'Conectado',
		reconnecting: 'Reconectando…',
		offline: 'Sin conexión',
		queued_one: '{{count}} respuesta en cola',
		queued_many: '{{count}} de respuestas en cola',
		queued_other: '{{count}} respuestas en cola'
	},
	availability: {
		label: 'Disponible para chats',
		online: 'En línea',
		away: 'Ausente',
		failed: 'No se ha podido cambiar tu disponibilidad: {{message}}',
		lead: 'Mientras estés en línea, los visitantes pueden iniciar chats y el widget de tu sitio indica que hay alguien. Ausente mantiene la consola abierta sin chats nuevos.'
	},
	visitors: {
		title: 'Visitantes',
		count_one: '{{count}} en línea ahora',
		count_many: '{{count}} de personas en línea ahora',
		count_other: '{{count}} en línea ahora',
		shown: 'Mostrando {{shown}} de {{count}}',
		list: 'Visitantes en directo',
		loadFailed: 'No se han podido cargar los visitantes: {{message}}',
		asOf: 'Sin conexión: estos visitantes estaban en el sitio a las {{time}}.',
		emptyTitle: 'Ahora mismo no hay nadie en tu sitio',
		emptyInstalled:
			'Los visitantes aparecen aquí en cuanto abren una página de {{site}}, con la página en la que están, de dónde vienen y cuánto tiempo llevan.',
		emptyNotInstalled:
			'Instala el fragmento de código en tu sitio para ver aquí a los visitantes en directo, con la página en la que están y cuánto tiempo llevan.',
		emptyAgent:
			'Pide al propietario del sitio que instale el fragmento de código; entonces los visitantes aparecerán aquí en directo.',
		installStep: 'Instalar el fragmento',
		noMatchTitle: 'Ningún visitante coincide con estos filtros',
		noMatch: 'Quita los filtros para ver a todos los que están en línea.',
		clearFilters: 'Quitar filtros',
		direct: 'Directo',
		from: 'Desde {{host}}',
		pages_one: '{{count}} página',
		pages_many: '{{count}} de páginas',
		pages_other: '{{count}} páginas',
		onSite: 'Tiempo en el sitio',
		new: 'Nuevo',
		returning: 'Recurrente · visita {{count}}',
		untitled: 'Página sin título',
		open: 'Invitar a {{name}}',
		device: {
			phone: 'Móvil',
			tablet: 'Tableta',
			desktop: 'Ordenador'
		},
		filter: {
			label: 'Filtrar visitantes',
			page: 'Página',
			pagePlaceholder: 'URL o título',
			language: 'Idioma',
			anyLanguage: 'Cualquier idioma',
			recurrence: 'Visitantes',
			all: 'Todos',
			new: 'Nuevos',
			returning: 'Recurrentes'
		}
	},
	invite: {
		title: 'Invitar a chatear',
		message: 'Mensaje',
		messageHint: 'Déjalo vacío para enviar el saludo del sitio.',
		saved: 'Saludos guardados',
		send: 'Enviar invitación',
		sending: 'Enviando…',
		cancel: 'Retirar',
		again: 'Invitar de nuevo',
		openChat: 'Abrir la conversación',
		failed: 'No se ha podido enviar la invitación: {{message}}',
		gone: 'Este visitante ha salido del sitio.',
		state: {
			sent: 'Invitación enviada · quedan {{seconds}} s',
			seen: 'Vista por el visitante · quedan {{seconds}} s',
			accepted: 'Aceptada',
			declined: 'Rechazada',
			expired: 'Caducada sin respuesta',
			cancelled: 'Retirada'
		},
		badge: {
			sent: 'Invitado',
			seen: 'Invitación vista',
			accepted: 'Aceptada',
			declined: 'Rechazada',
			expired: 'Caducada',
			cancelled: 'Retirada',
			countdown: '{{seconds}} s'
		},
		byColleague: 'Invitado por {{name}}'
	},
	conversations: {
		title: 'Conversaciones',
		list: 'Conversaciones',
		views: {
			label: 'Mostrar',
			unassigned: 'Sin asignar',
			mine: 'Mías',
			all: 'Todas las abiertas',
			closed: 'Cerradas',
			offline: 'Mensajes'
		},
		loadFailed: 'No se han podido cargar las conversaciones: {{message}}',
		empty: {
			unassigned:
				'Los chats nuevos de los visitantes llegan aquí hasta que alguien los coge. Invita a un visitante desde la pestaña Visitantes para iniciar uno tú.',
			mine: 'Aquí aparecen los chats que coges o que inicias con una invitación.',
			all: 'Aquí aparecen todos los chats abiertos del sitio, los lleve quien los lleve.',
			closed: 'Los chats cerrados se quedan aquí para que puedas volver a leerlos.',
			offline:
				'Cuando no hay nadie en línea, los visitantes pueden dejar un mensaje con su correo. Esos mensajes te esperan aquí.'
		},
		emptyTitle: {
			unassigned: 'No hay chats esperando',
			mine: 'No tienes chats abiertos',
			all: 'No hay chats abiertos',
			closed: 'Aún no hay chats cerrados',
			offline: 'No hay mensajes'
		},
		goVisitors: 'Ver quién está en línea',
		pick: 'Elige una conversación',
		pickLead: 'Elige un chat de la lista para leerlo y responder.',
		anonymous: 'Visitante {{id}}',
		unread_one: '{{count}} sin leer',
		unread_many: '{{count}} de mensajes sin leer',
		unread_other: '{{count}} sin leer',
		noMessages: 'Aún no hay mensajes',
		more_one: 'Mostrar más ({{count}} anterior)',
		more_many: 'Mostrar más ({{count}} de anteriores)',
		more_other: 'Mostrar más ({{count}} anteriores)',
		unassignedBadge: 'Sin asignar',
		takenBy: 'Con {{name}}',
		yours: 'Tuya',
		closedBadge: 'Cerrada',
		leftMessage: 'Mensaje dejado'
	},
	conversation: {
		back: 'Volver a las conversaciones',
		take: 'Coger',
		taking: 'Cogiendo…',
		close: 'Cerrar',
		closing: 'Cerrando…',
		closeConfirm: '¿Cerrar esta conversación?',
		keepOpen: 'Mantenerla abierta',
		closeAction: 'Cerrar la conversación',
		closeLead: 'El visitante la verá cerrada y podrá iniciar otra.',
		takenBy: '{{name}} ha cogido esta conversación.',
		takenBySomeone: 'Un compañero ha cogido esta conversación.',
		takeFirst: 'Coge esta conversación para responder.',
		closed: 'Esta conversación está cerrada.',
		notFound: 'Esta conversación no existe o no pertenece a tus sitios.',
		failed: 'No ha funcionado: {{message}}',
		details: 'Visitante',
		detailsShow: 'Datos del visitante',
		name: 'Nombre',
		email: 'Correo electrónico',
		page: 'Página actual',
		language: 'Idioma',
		device: 'Dispositivo',
		referrer: 'Procedencia',
		started: 'Inicio',
		notOnline: 'Ya no está en el sitio',
		loading: 'Cargando la conversación…'
	},
	note: {
		mode: 'Escribir una respuesta o una nota interna',
		reply: 'Respuesta',
		note: 'Nota interna',
		to: 'Para',
		team: 'Todo el equipo',
		hint: 'Solo tus compañeros ven las notas; la persona que elijas recibe un aviso al momento.',
		whisper: '{{name}} te necesita en una conversación',
		whisperSomeone: 'Un compañero te necesita en una conversación'
	},
	transfer: {
		button: 'Transferir',
		title: 'Transferir esta conversación',
		lead: 'Tu compañero la recibe con todo el historial; tú podrás leerla, pero no escribir en ella.',
		to: 'Para',
		anyone: 'Cualquier agente disponible',
		online: 'Conectado',
		away: 'Ausente',
		offline: 'No está en la consola',
		open: '{{count}} abiertas',
		note: 'Nota para tu compañero (opcional)',
		callNote: 'La llamada en curso se queda contigo: no se transfiere.',
		send: 'Ofrecer la conversación',
		sending: 'Ofreciendo…',
		pending: 'Ofrecida a {{name}} · {{seconds}} s',
		pendingAnyone: 'Ofrecida a cualquier agente disponible · {{seconds}} s',
		cancel: 'Retirar',
		noColleagues: 'Todavía no trabaja nadie más en este sitio.',
		failed: 'La oferta no se ha enviado: {{message}}',
		incoming: '{{name}} te ofrece una conversación',
		incomingSomeone: 'Un compañero te ofrece una conversación',
		with: 'Con {{name}}',
		last: 'Último mensaje',
		seconds: 'Responde en {{seconds}} s',
		accept: 'Aceptarla',
		decline: 'Ahora no',
		lost: 'Otra persona la aceptó antes.',
		gone: 'Esa oferta ya no está abierta.'
	},
	team: {
		title: 'Equipo',
		button: 'Equipo: {{count}} en línea',
		empty: 'No hay nadie más en la consola.',
		you: '{{name}} (tú)',
		unnamed: 'Agente',
		open_one: '{{count}} abierta',
		open_many: '{{count}} de abiertas',
		open_other: '{{count}} abiertas'
	},
	sound: {
		title: 'Sonido y ausencia',
		locked: 'El sonido está desactivado hasta que toques la pantalla.',
		unlock: 'Activar el sonido',
		label: 'Sonido para chats y mensajes nuevos',
		lead: 'Suena y vibra con las conversaciones nuevas y los mensajes de los visitantes, salvo en la conversación que estás leyendo. El icono de la app muestra cuántas conversaciones hay sin leer.',
		test: 'Reproducir un sonido de prueba',
		awayAfter: 'Pasar a ausente tras un periodo de inactividad de',
		awayLead:
			'Mientras estás ausente, los visitantes pueden dejar un mensaje. La consola vuelve a estar en línea cuando regresas, salvo que hayas elegido Ausente tú.',
		never: 'Nunca',
		minutes_one: '{{count}} minuto',
		minutes_many: '{{count}} de minutos',
		minutes_other: '{{count}} minutos'
	},
	settings: {
		title: 'Ajustes',
		availability: 'Disponibilidad',
		appearance: 'Apariencia',
		themeLead: 'Claro, oscuro o igual que este dispositivo.',
		install: 'Instalar la app',
		installed: 'Parley está instalado en este dispositivo.',
		installNow: 'Instalar',
		adminLead: 'Sitios, equipo, el fragmento de código y tu cuenta.',
		sites: 'Tus sitios',
		signOut: 'Cerrar sesión'
	},
	call: {
		ringingVideo: '{{name}} te está llamando (vídeo)',
		ringingAudio: '{{name}} te está llamando (voz)',
		ringingSite: 'Un visitante está llamando en {{site}}',
		open: 'Abrir'
	}
} as const satisfies Translation<typeof en>;
