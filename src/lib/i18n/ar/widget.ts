/** Arabic strings of the chat components and the widget (see en/widget.ts). */
import type { widget as en } from '../en/widget.ts';
import type { Translation } from '../languages.ts';
import { attach } from './attach.ts';

export const widget = {
	attach,
	chat: {
		log: 'الرسائل',
		you: 'أنت',
		visitor: 'زائر',
		agent: 'موظف الدعم',
		today: 'اليوم',
		yesterday: 'أمس',
		joined: 'انضم {{name}} إلى المحادثة',
		joinedSomeone: 'انضم موظف دعم إلى المحادثة',
		transferred: 'أنت تتحدث الآن مع {{name}}',
		transferredSomeone: 'أنت تتحدث الآن مع موظف آخر',
		transferOffered: 'عرض {{from}} المحادثة على {{to}}',
		transferredAgents: 'نقل {{from}} المحادثة إلى {{to}}',
		transferDeclined: 'رفض {{to}} النقل',
		transferExpired: 'لم يُردّ على النقل إلى {{to}} في الوقت المحدد',
		transferCancelled: 'سُحب النقل إلى {{to}}',
		anyAgent: 'أي موظف متاح',
		internal: 'ملاحظة داخلية · لا يراها الزائر',
		draft: 'مسودة رد · لا يراها الزائر بعد',
		useDraft: 'استخدامها كرد',
		closedByVisitor: 'أغلق الزائر المحادثة',
		closed: 'أُغلقت المحادثة',
		state: {
			queued: 'في انتظار الاتصال',
			sending: 'جارٍ الإرسال…',
			sent: 'أُرسلت',
			delivered: 'وصلت',
			read: 'قُرئت',
			failed: 'لم تُرسل'
		},
		failure: {
			network: 'لم تُرسل: لا يوجد اتصال.',
			'rate-limited': 'لم تُرسل: رسائل كثيرة دفعة واحدة. انتظر قليلًا.',
			closed: 'لم تُرسل: المحادثة مغلقة.',
			held: 'لم تُرسل: أصبحت هذه المحادثة لدى زميل الآن.',
			'too-long': 'لم تُرسل: الرسالة طويلة جدًا.',
			refused: 'لم تُرسل.',
			'too-large': 'لم تُرسل: الملف كبير جدًا.',
			type: 'لم تُرسل: هذا النوع من الملفات غير مسموح به.',
			lost: 'لم تُرسل: الملف لم يعد موجودًا على هذا الجهاز.'
		},
		retry: 'إعادة المحاولة',
		typing: '{{name}} يكتب…',
		typingSomeone: 'يكتب…',
		composer: {
			label: 'الرسالة',
			form: 'الرد',
			placeholder: 'اكتب رسالة…',
			send: 'إرسال',
			counter: '{{count}} / {{max}}',
			tooLong_zero: 'أطول من المسموح بـ {{count}} حرف',
			tooLong_one: 'أطول من المسموح بحرف واحد',
			tooLong_two: 'أطول من المسموح بحرفين',
			tooLong_few: 'أطول من المسموح بـ {{count}} أحرف',
			tooLong_many: 'أطول من المسموح بـ {{count}} حرفًا',
			tooLong_other: 'أطول من المسموح بـ {{count}} حرف',
			closed: 'هذه المحادثة مغلقة.'
		},
		connection: {
			reconnecting: 'جارٍ إعادة الاتصال…'
		},
		opensInNewTab: '(يُفتح في علامة تبويب جديدة)',
		translation: {
			translated: 'مترجمة',
			showOriginal: 'عرض النص الأصلي',
			showTranslation: 'عرض الترجمة',
			unavailable: 'لم تُترجم: الترجمة غير متاحة الآن.',
			unsupported: 'لم تُترجم: لا تتوفر ترجمة بين هاتين اللغتين.'
		}
	},
	widget: {
		title: 'الدردشة مع {{name}}',
		close: 'إغلاق الدردشة',
		loading: 'جارٍ تحميل الدردشة…',
		unavailable: 'الدردشة غير متاحة حاليًا. يُرجى المحاولة لاحقًا.',
		online: 'نحن متصلون الآن',
		offline: 'لسنا متاحين حاليًا',
		prechat: {
			intro: 'قبل أن نبدأ، عرّفنا بنفسك.',
			name: 'اسمك',
			email: 'بريدك الإلكتروني',
			optional: '(اختياري)',
			start: 'بدء المحادثة',
			starting: 'جارٍ البدء…'
		},
		leave: {
			title: 'اترك لنا رسالة',
			intro:
				'لا يوجد أحد متصل الآن. اترك رسالتك وبريدك الإلكتروني، وسنرد عليك عبر البريد الإلكتروني.',
			email: 'بريدك الإلكتروني',
			name: 'اسمك',
			message: 'رسالتك',
			send: 'إرسال الرسالة',
			sending: 'جارٍ الإرسال…',
			sent: 'شكرًا لك! وصلتنا رسالتك وسنرد عليك على {{email}}.',
			another: 'كتابة رسالة أخرى'
		},
		closed: {
			title: 'انتهت هذه المحادثة.',
			again: 'بدء محادثة جديدة'
		},
		end: {
			label: 'إنهاء المحادثة',
			title: 'هل تريد إنهاء هذه المحادثة؟',
			lead: 'سيرى موظف الدعم أنك أنهيتها. يمكنك بدء محادثة جديدة في أي وقت.',
			cancel: 'متابعة الدردشة',
			confirm: 'إنهاء المحادثة',
			failed: 'تعذّر إنهاء المحادثة. يُرجى المحاولة مرة أخرى.'
		},
		errors: {
			nameRequired: 'يُرجى إدخال اسمك.',
			emailRequired: 'يُرجى إدخال عنوان بريدك الإلكتروني.',
			emailInvalid: 'يبدو أن عنوان البريد الإلكتروني غير صحيح.',
			messageRequired: 'يُرجى كتابة رسالة.',
			failed: 'لم ينجح ذلك. يُرجى المحاولة مرة أخرى.'
		},
		preview: {
			label: 'معاينة نافذة الدردشة',
			visitorSample: 'مرحبًا! هل تشحنون إلى كندا؟',
			agentSample: 'نعم، يستغرق التوصيل من 3 إلى 5 أيام. هل يمكنني مساعدتك في شيء آخر؟',
			agentName: 'سامي',
			accept: 'دردش الآن',
			decline: 'لا، شكرًا'
		}
	},
	call: {
		startAudio: 'بدء مكالمة صوتية',
		startVideo: 'بدء مكالمة فيديو',
		summary: {
			audio: 'مكالمة صوتية · {{duration}}',
			video: 'مكالمة فيديو · {{duration}}',
			declined: 'رُفضت المكالمة',
			cancelled: 'أُلغيت المكالمة',
			missed: 'مكالمة فائتة',
			failed: 'تعذّر إجراء المكالمة'
		}
	}
} as const satisfies Translation<typeof en>;
