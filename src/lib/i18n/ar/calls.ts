/** Arabic strings of the call screen (see en/calls.ts). */
import type { calls as en } from '../en/calls.ts';
import type { Translation } from '../languages.ts';

export const calls = {
	title: 'مكالمة مع {{name}}',
	someone: 'الطرف الآخر',
	audio: 'مكالمة صوتية',
	video: 'مكالمة فيديو',
	preparing: 'جارٍ تشغيل الكاميرا والميكروفون…',
	outgoing: 'جارٍ الاتصال بـ {{name}}…',
	incoming: '{{name}} يتصل بك',
	incomingAudio: 'مكالمة صوتية واردة',
	incomingVideo: 'مكالمة فيديو واردة',
	connecting: 'جارٍ الاتصال…',
	reconnecting: 'انقطع الاتصال. جارٍ إعادة الاتصال…',
	accept: 'قبول',
	decline: 'رفض',
	mute: 'كتم الميكروفون',
	cameraOff: 'إيقاف الكاميرا',
	switchCamera: 'تبديل الكاميرا',
	output: 'مخرج الصوت',
	outputDefault: 'الافتراضي لهذا الجهاز',
	outputUnnamed: 'مكبر الصوت {{n}}',
	outputFailed: 'تعذّر توجيه الصوت إلى هذا المخرج: {{message}}',
	speaker: 'صوت الطرف الآخر',
	hangup: 'إنهاء المكالمة',
	close: 'إغلاق',
	you: 'كاميرتك',
	them: 'فيديو {{name}}',
	cameraIsOff: 'الكاميرا متوقفة',
	effects: 'التأثيرات',
	effectsTitle: 'تأثيرات الفيديو الخاص بك',
	badge: 'بطاقة الاسم',
	logo: 'شعار الموقع',
	ended: {
		hangup: 'انتهت المكالمة',
		'remote-hangup': 'أنهى الطرف الآخر المكالمة',
		declined: 'رفضت المكالمة',
		'remote-declined': 'رُفضت المكالمة',
		cancelled: 'أُلغيت المكالمة',
		missed: 'لا رد',
		busy: 'هناك مكالمة جارية بالفعل في هذه المحادثة',
		closed: 'هذه المحادثة مغلقة',
		'answered-elsewhere': 'تم الرد على جهاز آخر',
		'media-denied':
			'رُفض الوصول إلى الكاميرا أو الميكروفون. اسمح به في إعدادات المتصفح ثم حاول مرة أخرى.',
		'media-missing': 'لم يُعثر على كاميرا أو ميكروفون على هذا الجهاز.',
		unsupported: 'لا تعمل المكالمات في هذا المتصفح.',
		'ice-failed': 'تعذّر الاتصال: شبكتا الطرفين تمنعان الاتصال المباشر، ولم يستجب أي خادم وسيط.',
		lost: 'انقطع الاتصال وتعذّرت استعادته.',
		failed: 'فشلت المكالمة.'
	}
} as const satisfies Translation<typeof en>;
