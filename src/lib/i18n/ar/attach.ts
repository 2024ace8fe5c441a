/** Arabic strings of attachments and voice messages (see en/attach.ts). */
import type { attach as en } from '../en/attach.ts';
import type { Translation } from '../languages.ts';

export const attach = {
	add: 'إرفاق ملف',
	camera: 'التقاط صورة',
	image: 'صورة {{name}}',
	open: 'فتح {{name}}',
	download: 'تنزيل {{name}} ({{type}}، {{size}})',
	uploading: 'جارٍ الرفع {{percent}}٪',
	waiting: 'في انتظار الاتصال',
	cancel: 'إلغاء إرسال {{name}}',
	remove: 'إزالة',
	loading: 'جارٍ التحميل…',
	unavailable: 'تعذّر إرسال الملفات الآن. يُرجى المحاولة مرة أخرى.',
	dismiss: 'إخفاء',
	refused: {
		'too-large': '«{{name}}» أكبر من أن يُرسَل: الحد الأقصى {{max}}.',
		type: 'تعذّر إرسال «{{name}}»: هذا النوع من الملفات غير مسموح به.',
		empty: '«{{name}}» فارغ.'
	},
	kind: {
		pdf: 'PDF',
		image: 'صورة',
		audio: 'صوت',
		video: 'فيديو',
		text: 'نص',
		document: 'مستند',
		spreadsheet: 'جدول بيانات',
		presentation: 'عرض تقديمي',
		archive: 'ملف مضغوط',
		file: 'ملف'
	},
	voice: {
		record: 'تسجيل رسالة صوتية',
		recording: 'جارٍ التسجيل {{duration}}',
		stop: 'إيقاف وإرسال',
		cancel: 'إلغاء التسجيل',
		play: 'تشغيل الرسالة الصوتية ({{duration}})',
		pause: 'إيقاف الرسالة الصوتية مؤقتًا',
		playing: 'قيد التشغيل',
		queued: 'التالية',
		tapToPlay: 'انقر للتشغيل',
		denied: 'الميكروفون غير متاح. اسمح به في المتصفح لتتمكن من التسجيل.',
		unsupported: 'لا يمكن لهذا المتصفح تسجيل الرسائل الصوتية.'
	}
} as const satisfies Translation<typeof en>;
