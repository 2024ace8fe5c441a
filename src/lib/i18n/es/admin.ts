/** Spanish strings of the marketing, sign-up, admin and pairing pages (see en/admin.ts). */
import type { admin as en } from '../en/admin.ts';
import type { Translation } from '../languages.ts';

export const admin = {
	shell: {
		sidebar: 'Barra lateral',
		accountMenu: 'Menú de la cuenta',
		signedInAs: 'Sesión iniciada como {{name}}',
		signOutFailed: 'No se ha podido cerrar la sesión: {{message}}',
		goToSites: 'Ir a tus sitios',
		openConsole: 'Abrir la consola',
		footer: 'Atención al cliente de código abierto y autoalojada.',
		signedOutTitle: 'Has cerrado la sesión'
	},
	home: {
		eyebrow: 'Chat en directo en tu propio servidor',
		demo: {
			site: 'Tienda del Barrio',
			greeting: '¡Hola! ¿Dudas sobre tu pedido? Estamos aquí.'
		},
		title: 'Habla en directo con quien visita tu web',
		lead: 'Parley muestra a tu equipo quién está ahora mismo en tu sitio y le permite iniciar una conversación (texto, voz, archivos, llamadas) desde un móvil o una tableta. De código abierto y autoalojado.',
		features: {
			heading: 'Qué incluye',
			monitoring:
				'Ve a cada visitante en directo: la página en la que está, de dónde viene y cuánto tiempo lleva.',
			invitations: 'Invita a un visitante a chatear con un mensaje que aparece en su página.',
			conversations:
				'Chatea con texto, imágenes, archivos y mensajes de voz, o pasa a una llamada de voz o de vídeo.',
			translation: 'Cada uno escribe en su idioma; los mensajes llegan traducidos.',
			offline: 'Una app instalable para los agentes que sigue funcionando sin conexión y les avisa.'
		},
		cta: 'Crea tu cuenta'
	},
	credentials: {
		email: 'Correo electrónico',
		password: 'Contraseña'
	},
	signup: {
		title: 'Crea tu cuenta de Parley',
		lead: 'Gratis y autoalojado. Tu primer sitio está listo en dos minutos.',
		passwordHint: 'Al menos 6 caracteres.',
		submit: 'Crear cuenta',
		submitting: 'Creando tu cuenta…',
		checkEmail: 'Revisa {{email}}: te hemos enviado un enlace para confirmar tu dirección.',
		failed: 'No se ha podido crear la cuenta: {{message}}',
		doneTitle: 'Tu cuenta está lista',
		done: 'Has iniciado sesión como {{email}}.',
		nextStep:
			'Ahora crea tu primer sitio: obtendrás el fragmento de código para pegar en tus páginas.',
		checkEmailTitle: 'Revisa tu bandeja de entrada',
		continue: 'Crear tu primer sitio',
		haveAccount: '¿Ya tienes una cuenta?'
	},
	login: {
		forgot: '¿Olvidaste tu contraseña?',
		title: 'Inicia sesión en Parley',
		lead: 'Hola de nuevo. Tus sitios y tu equipo te esperan.',
		submit: 'Iniciar sesión',
		submitting: 'Iniciando sesión…',
		failed: 'No se ha podido iniciar sesión: {{message}}',
		noAccount: '¿Nuevo en Parley?',
		signUp: 'Crea una cuenta'
	},
	authErrors: {
		invalidCredentials: 'Correo electrónico o contraseña incorrectos.',
		userAlreadyExists: 'Ya existe una cuenta con este correo. Inicia sesión.',
		weakPassword: 'Esa contraseña es demasiado débil: {{message}}',
		emailInvalid: 'Esa dirección de correo no es válida.',
		validationFailed: 'Revisa el correo y la contraseña: {{message}}',
		signupDisabled: 'Los registros nuevos están desactivados en este servidor.',
		emailNotConfirmed:
			'Primero confirma tu dirección de correo: busca el enlace en tu bandeja de entrada.',
		rateLimited: 'Demasiados intentos. Espera un minuto y vuelve a intentarlo.',
		userBanned: 'Esta cuenta está suspendida.',
		samePassword: 'La contraseña nueva debe ser distinta de la actual.',
		emailRateLimited: 'Acabamos de enviar un correo. Espera un poco y vuelve a pedirlo.',
		linkExpired: 'El enlace ha caducado o ya se usó.',
		mfaFailed:
			'Ese código no es correcto. Revisa la hora del teléfono y usa el código más reciente.',
		mfaNeeded: 'Primero escribe un código de tu app de autenticación.',
		mfaExpired: 'Tardó demasiado. Vuelve a intentarlo con un código nuevo.'
	},
	recover: {
		title: 'Restablece tu contraseña',
		lead: 'Escribe el correo con el que inicias sesión. Te enviaremos un enlace para elegir una contraseña nueva.',
		submit: 'Enviar el enlace',
		submitting: 'Enviando…',
		sentTitle: 'Revisa tu correo',
		sent: 'Si hay una cuenta con {{email}}, le llega un enlace para elegir una contraseña nueva. Sirve una sola vez; mira también en la carpeta de spam.',
		failed: 'No se pudo enviar el enlace: {{message}}',
		remembered: '¿Ya la recuerdas?',
		backToLogin: 'Iniciar sesión'
	},
	resetPassword: {
		title: 'Elige una contraseña nueva',
		lead: 'La contraseña nueva sustituye a la anterior al momento, en todos los dispositivos.',
		password: 'Contraseña nueva',
		submit: 'Guardar la contraseña nueva',
		submitting: 'Guardando…',
		failed: 'No se pudo guardar la contraseña: {{message}}',
		doneTitle: 'Contraseña cambiada',
		done: 'Tu contraseña nueva está guardada y has iniciado sesión.',
		continue: 'Ir a tus sitios',
		checking: 'Comprobando el enlace…',
		noLink: 'Abre el enlace del correo de restablecimiento para elegir aquí una contraseña nueva.',
		linkFailed: 'Este enlace no se puede usar: {{message}}',
		askAgain: 'Enviar un enlace nuevo'
	},
	secondFactor: {
		title: 'Verificación en dos pasos',
		lead: 'Escribe el código de 6 dígitos de tu app de autenticación.',
		code: 'Código',
		submit: 'Verificar',
		submitting: 'Verificando…',
		otherAccount: 'Usar otra cuenta',
		failed: 'No se pudo verificar el código: {{message}}',
		heading: 'Verificación en dos pasos',
		off: 'Desactivada. Actívala y, al iniciar sesión, también se pedirá un código de una app de autenticación en tu teléfono.',
		on: 'Activada. Al iniciar sesión se pide un código de tu app de autenticación, y los cambios en tus sitios lo necesitan.',
		turnOn: 'Activar',
		turnOff: 'Desactivar',
		scan: 'Escanea este código QR con una app de autenticación (como Google Authenticator, 1Password o Aegis) y escribe el código que muestra.',
		qrAlt: 'Código QR para tu app de autenticación',
		keyLabel: '¿No puedes escanearlo? Escribe esta clave:',
		confirm: 'Activar',
		cancel: 'Cancelar',
		turnedOn: 'La verificación en dos pasos está activada.',
		turnedOff: 'La verificación en dos pasos está desactivada.',
		changeFailed: 'No se pudo cambiar la verificación en dos pasos: {{message}}'
	},
	sites: {
		title: 'Tus sitios',
		lead: 'Cada sitio tiene su propio fragmento de código, su equipo y el aspecto de su widget.',
		emptyTitle: 'Aún no hay sitios',
		empty: 'Aún no hay sitios. Crea uno para obtener el fragmento de código para tus páginas.',
		origins: 'Orígenes permitidos',
		moreOrigins_one: '+{{count}} más',
		moreOrigins_many: '+{{count}} más',
		moreOrigins_other: '+{{count}} más',
		noOrigins: 'No hay orígenes permitidos: el widget aún no funciona en ningún sitio.',
		create: 'Crear un sitio',
		installed: 'Instalado',
		waiting: 'Esperando la primera visita',
		role: { owner: 'Propietario', agent: 'Agente' },
		loadFailed: 'No se han podido cargar tus sitios: {{message}}',
		signInFirst: 'Inicia sesión para ver tus sitios.'
	},
	newSite: {
		title: 'Crear un sitio',
		submit: 'Crear sitio',
		lead: 'Ponle nombre, indica dónde puede funcionar el widget y elige su color. Puedes cambiarlo todo más adelante.'
	},
	siteForm: {
		name: 'Nombre del sitio',
		origins: 'Orígenes permitidos',
		originsHint:
			'Las direcciones de las webs que pueden mostrar el widget, una por línea, p. ej. https://shop.example.com.',
		color: 'Color del widget',
		position: 'Posición del botón',
		positionRight: 'Abajo a la derecha',
		positionLeft: 'Abajo a la izquierda',
		greeting: 'Saludo',
		originsPlaceholder: 'https://shop.example.com',
		greetingHint: 'Se muestra a los visitantes al abrir el chat.',
		language: 'Idioma predeterminado',
		saving: 'Guardando…',
		saved: 'Guardado.',
		errors: {
			nameRequired: 'Ponle un nombre al sitio.',
			nameTooLong: 'El nombre puede tener como máximo {{max}} caracteres.',
			originSuggest: '«{{entry}}» no es un origen. ¿Querías decir {{suggestion}}?',
			originNoScheme:
				'A «{{entry}}» le falta https:// o http:// delante. ¿Querías decir {{suggestion}}?',
			originScheme: '«{{entry}}» no es una dirección web: debe empezar por https:// o http://.',
			originNotAddress:
				'«{{entry}}» no es una dirección web. Escribe la dirección de una web en la que pueda funcionar el widget, como https://shop.example.com.',
			originsRequired:
				'Añade al menos una dirección web. El widget solo funciona en las direcciones de esta lista, así que sin ninguna no funciona en ningún sitio.',
			originsRefused: 'Uno de los orígenes permitidos no es un origen válido.',
			tooManyOrigins: 'Un sitio puede tener como máximo {{max}} orígenes permitidos.',
			color: 'Elige un color.',
			position: 'Elige dónde va el botón.',
			greetingTooLong:
				'El saludo tiene {{length}} caracteres y el máximo es {{max}}. No se ha guardado nada.',
			greetingLimit: 'El saludo puede tener como máximo {{max}} caracteres.',
			language: 'Elige un idioma.',
			forbidden: 'Solo el propietario del sitio puede cambiarlo.',
			other: 'No se ha podido guardar: {{message}}'
		}
	},
	chatSettings: {
		heading: 'Conversaciones',
		lead: 'Qué se pregunta a los visitantes antes de un chat, las invitaciones que envían los agentes y los límites de una conversación.',
		prechat: 'Antes de un chat, preguntar',
		prechatName: 'Nombre',
		prechatEmail: 'Correo electrónico',
		prechatHint:
			'Se pregunta en el widget antes del primer mensaje. Con ambos desactivados, los visitantes empiezan a escribir directamente.',
		rules: {
			off: 'No preguntar',
			optional: 'Preguntar, opcional',
			required: 'Preguntar, obligatorio'
		},
		messages: 'Mensajes de invitación guardados',
		messagesHint:
			'Uno por línea, como máximo {{max}}. Los agentes eligen uno al invitar a un visitante a chatear.',
		messagesPlaceholder: '¡Hola! ¿Te ayudo a encontrar algo?',
		ttl: 'Una invitación espera (segundos)',
		ttlHint: 'De {{min}} a {{max}} segundos; después caduca si el visitante no ha respondido.',
		attachment: 'Adjunto más grande (MB)',
		attachmentHint:
			'De {{min}} a {{max}} MB, para imágenes, archivos y mensajes de voz, en ambos sentidos.',
		retention: 'Conservar a los visitantes sin chats durante (días)',
		retentionHint:
			'De {{min}} a {{max}} días desde su última visita; los visitantes que han chateado se conservan.',
		submit: 'Guardar los ajustes de conversación',
		errors: {
			prechat: 'Elige si quieres preguntar.',
			ttl: 'Escribe un número entero de segundos entre {{min}} y {{max}}.',
			retention: 'Escribe un número entero de días entre {{min}} y {{max}}.',
			attachment: 'Escribe un número entero de megabytes entre {{min}} y {{max}}.',
			messageTooLong:
				'El mensaje {{line}} tiene más de {{max}} caracteres. No se ha guardado nada.',
			tooManyMessages_one: 'Hay {{count}} mensaje; un sitio puede guardar como máximo {{max}}.',
			tooManyMessages_many:
				'Hay {{count}} de mensajes; un sitio puede guardar como máximo {{max}}.',
			tooManyMessages_other: 'Hay {{count}} mensajes; un sitio puede guardar como máximo {{max}}.',
			messagesRefused:
				'Como máximo {{max}} mensajes guardados de {{chars}} caracteres como máximo cada uno.'
		}
	},
	callBackgrounds: {
		heading: 'Fondos para llamadas',
		lead: 'Imágenes que agentes y visitantes pueden poner detrás de sí en una videollamada, junto a las de Parley. JPEG, PNG o WebP, hasta {{max}}; las más grandes se reducen a {{side}} px antes de subirlas.',
		listLabel: 'Fondos para llamadas de este sitio',
		item: 'Fondo {{n}}',
		empty: 'Aún no hay imágenes propias: las llamadas ofrecen las cuatro de Parley.',
		count: '{{count}} de {{max}}',
		add: 'Añadir una imagen',
		adding: 'Subiendo…',
		added: 'Añadida. Se ofrece en las llamadas a partir de ahora.',
		remove: 'Quitar el fondo {{n}}',
		loadFailed: 'No se han podido cargar los fondos: {{message}}',
		problems: {
			full: 'Este sitio ya tiene {{max}} fondos. Quita uno para añadir otro.',
			type: 'Ese archivo no es una imagen que Parley pueda usar. Elige una imagen JPEG, PNG o WebP.',
			'too-large': 'Esa imagen supera los {{mb}} MB incluso reducida.',
			'not-image': 'No se ha podido leer ese archivo como imagen.',
			forbidden: 'Solo el propietario del sitio puede cambiar sus fondos.',
			network: 'Ha fallado la conexión. Inténtalo de nuevo.',
			other: 'No ha funcionado: {{message}}'
		}
	},
	site: {
		notFoundTitle: 'Sitio no encontrado',
		notFound: 'Este sitio no existe o no formas parte de su equipo.',
		sections: 'Secciones del sitio',
		tabs: {
			install: 'Instalación',
			staff: 'Equipo y dispositivos',
			appearance: 'Apariencia',
			settings: 'Ajustes',
			danger: 'Zona de peligro'
		},
		appearance: {
			heading: 'Apariencia',
			lead: 'Cómo se ve el widget en tu sitio. La vista previa cambia según escribes.',
			preview: 'Vista previa',
			untitled: 'Tu sitio'
		},
		loadFailed: 'No se ha podido cargar el sitio: {{message}}',
		backToSites: 'Todos los sitios',
		install: {
			heading: 'Instala el fragmento de código',
			lead: 'Pega esta línea en todas las páginas de tu web, justo antes de la etiqueta de cierre </body>:',
			label: 'Fragmento de código',
			copy: 'Copiar el fragmento',
			copied: 'Copiado al portapapeles.',
			copyFailed: 'Aquí no se puede copiar: selecciona el fragmento y cópialo tú.',
			notes:
				'El widget solo funciona en los orígenes permitidos del sitio (ver Ajustes). La mayoría de los creadores de webs tienen una opción de «código personalizado» o «scripts del pie de página» para pegarlo.',
			waiting: 'Esperando la primera visita…',
			installed: 'Instalado en {{page}} a las {{time}}.',
			noOriginsTitle: 'El widget aún no funciona en ningún sitio',
			noOrigins:
				'Este sitio no tiene orígenes permitidos. Añade la dirección de tu web en Ajustes o el fragmento no hará nada.'
		},
		settings: {
			heading: 'Ajustes',
			lead: 'El nombre del sitio, dónde puede funcionar el widget y su idioma.',
			submit: 'Guardar cambios'
		},
		danger: {
			heading: 'Eliminar este sitio',
			lead: 'Al eliminarlo se borran el sitio, la clave de su fragmento, sus visitantes, sus conversaciones y el acceso del equipo. No se puede deshacer.',
			start: 'Eliminar el sitio…',
			confirmTitle: '¿Eliminar «{{name}}»?',
			confirm: 'Eliminar «{{name}}» definitivamente',
			cancel: 'Conservar el sitio',
			deleting: 'Eliminando…',
			failed: 'No se ha podido eliminar el sitio: {{message}}'
		}
	},
	staff: {
		heading: 'Equipo y dispositivos',
		lead: 'Invita a cada persona por su nombre. Abre su enlace de vinculación (o escanea su código QR) en su móvil o tableta y queda conectada a la consola en ese dispositivo. Cada enlace funciona una vez, durante 24 horas.',
		name: 'Nombre',
		email: 'Correo electrónico (opcional)',
		invite: 'Crear enlace de vinculación',
		inviteForm: 'Invitar a una persona',
		removeTitle: '¿Quitar a {{name}}?',
		removeLead:
			'Sus móviles y tabletas se desconectan al momento, salvo que trabaje para otro de tus sitios. Sus conversaciones se conservan.',
		linkFor: 'Enlace de vinculación para {{name}}',
		members: 'Personas de este sitio',
		invitations: 'Enlaces de vinculación',
		you: 'Tú',
		remove: 'Quitar',
		removeNamed: 'Quitar a {{name}}',
		confirmRemove: 'Quitar a {{name}} y desconectar sus dispositivos',
		cancel: 'Cancelar',
		revoke: 'Revocar',
		revokeNamed: 'Revocar el enlace de {{name}}',
		until: 'hasta {{time}}',
		state: {
			pending: 'Pendiente de abrir',
			used: 'Usado',
			revoked: 'Revocado',
			expired: 'Caducado'
		},
		errors: {
			nameRequired: 'Escribe el nombre de la persona.',
			email: 'Esa dirección de correo no parece correcta.',
			other: 'Algo ha fallado: {{message}}'
		}
	},
	links: {
		qrLabel: 'Código QR: {{heading}}',
		copy: 'Copiar el enlace',
		copied: 'Enlace copiado.',
		copyFailed: 'Aquí no se puede copiar: selecciona el enlace y cópialo tú.',
		expires: 'Funciona una vez, hasta {{time}}.'
	},
	phone: {
		heading: 'Abre la consola en tu móvil',
		lead: 'Escanea este código con tu móvil o tableta para conectarlo a la consola con tu cuenta.',
		show: 'Mostrar mi código QR',
		again: 'Mostrar un código nuevo',
		cardHeading: 'El enlace de tu dispositivo',
		otherDevice: 'Conectar otro dispositivo',
		otherDeviceLead:
			'Escanea este código con tu otro móvil o tableta para conectarlo a la consola con tu cuenta.',
		failed: 'No se ha podido crear el enlace: {{message}}'
	},
	account: {
		title: 'Tu cuenta',
		signInFirst: 'Inicia sesión para ver tu cuenta.',
		email: 'Correo electrónico',
		since: 'Miembro desde',
		memberSince: 'Miembro desde el {{date}}',
		password: {
			heading: 'Cambia tu contraseña',
			new: 'Contraseña nueva',
			submit: 'Cambiar la contraseña',
			done: 'Tu contraseña se ha cambiado.',
			failed: 'No se ha podido cambiar la contraseña: {{message}}'
		},
		sessions: {
			heading: 'Cerrar sesión',
			lead: 'Cierra la sesión en este navegador o en todos los dispositivos conectados con tu cuenta (móviles y tabletas incluidos).',
			here: 'Cerrar sesión aquí',
			everywhere: 'Cerrar sesión en todas partes'
		}
	},
	pair: {
		title: 'Vincular este dispositivo',
		lead: 'Este enlace conecta este móvil o tableta a la consola de Parley.',
		working: 'Conectando este dispositivo…',
		done: 'Este dispositivo está conectado. Abriendo la consola…',
		openConsole: 'Abrir la consola',
		replace: {
			lead: 'Este dispositivo tiene la sesión de {{name}}. Si abres este enlace, se conectará con el enlace y se cerrará la sesión de {{name}} aquí.',
			continue: 'Usar el enlace',
			keep: 'Seguir con la sesión de {{name}}'
		},
		refused: {
			missing:
				'Este enlace está incompleto. Abre el enlace de vinculación completo o vuelve a escanear su código QR.',
			unknown: 'Este enlace de vinculación no es válido. Pide uno nuevo al propietario del sitio.',
			used: 'Este enlace de vinculación ya se ha usado. Cada enlace funciona una vez: pide uno nuevo al propietario del sitio.',
			revoked: 'El propietario del sitio ha revocado este enlace de vinculación. Pídele uno nuevo.',
			expired: 'Este enlace de vinculación ha caducado. Pide uno nuevo.',
			failed: 'Esta vez no se ha podido vincular: {{message}}. Intenta abrir el enlace de nuevo.'
		}
	},
	pwa: {
		install: {
			title: 'Instala Parley en este dispositivo',
			lead: 'Abre la consola desde la pantalla de inicio como cualquier otra app y sigue leyendo las conversaciones aunque se corte la red.',
			button: 'Instalar',
			installing: 'Instalando…',
			dismiss: 'Ahora no',
			steps: {
				iosShare: 'Toca el botón Compartir de la barra del navegador.',
				iosAdd: 'Elige Añadir a pantalla de inicio y luego Añadir.',
				androidMenu: 'Abre el menú del navegador (⋮).',
				androidInstall: 'Elige Instalar aplicación o Añadir a pantalla de inicio.',
				mobileMenu: 'Abre el menú del navegador.',
				mobileAdd: 'Elige Añadir a pantalla de inicio o Instalar aplicación.'
			},
			hints: {
				safariMac: 'En la barra de menús, elige Archivo y luego Añadir al Dock.',
				firefoxDesktop:
					'Este navegador no puede instalar apps. Abre esta página en Chrome, Edge o Safari para instalarla.',
				desktop:
					'Haz clic en el icono de instalar de la barra de direcciones, o abre el menú del navegador y elige Instalar aplicación.'
			}
		},
		update: {
			ready: 'Hay una nueva versión de Parley.',
			apply: 'Recargar para actualizar',
			applying: 'Actualizando…'
		}
	},
	setup: {
		heading: 'Configura tu sitio',
		progress: '{{done}} de {{total}} completados',
		done: 'hecho',
		todo: 'pendiente',
		created: { title: 'Sitio creado', hint: '' },
		installed: {
			title: 'Fragmento instalado',
			hint: 'Pega el fragmento de código en tus páginas; la primera visita marca este paso.',
			action: 'Obtener el fragmento'
		},
		paired: {
			title: 'Primer agente vinculado',
			hint: 'Crea un enlace de vinculación y ábrelo en un móvil o una tableta.',
			action: 'Invitar a tu equipo'
		},
		conversation: {
			title: 'Primera conversación',
			hint: 'Abre la consola y saluda a un visitante, o espera a que alguien escriba.',
			action: 'Abrir la consola'
		}
	}
} as const satisfies Translation<typeof en>;
