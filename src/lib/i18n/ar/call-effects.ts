/** Arabic strings of the call's effects sheet (see en/call-effects.ts). */
import type { callEffects as en } from '../en/call-effects.ts';
import type { Translation } from '../languages.ts';

export const callEffects = {
	overlays: 'فوق الصورة',
	background: 'الخلفية',
	backgroundNone: 'بلا',
	backgroundBlur: 'تمويه',
	backgroundImages: {
		dawn: 'فجر',
		lagoon: 'بحيرة',
		studio: 'استوديو',
		meadow: 'مرج'
	},
	backgroundLoading: 'جارٍ تحميل تأثيرات الخلفية…',
	siteBackground: 'صورة الموقع {{n}}',
	siteBackgroundsLoading: 'جارٍ تحميل صور الموقع…',
	siteBackgroundsFailed: 'تعذّر تحميل صور الموقع.',
	backgroundLocal: 'تتم المعالجة على هذا الجهاز: لا تُرسل أي صورة إلى أي مكان.',
	backgroundsUnavailable: 'تأثيرات الخلفية غير متاحة على هذا الجهاز: {{reason}}',
	backgroundProblem: {
		'no-webassembly': 'لا يستطيع هذا المتصفح تشغيل WebAssembly.',
		'no-canvas': 'لا يستطيع هذا المتصفح معالجة إطارات الفيديو.',
		'load-failed': 'لم يُحمَّل اكتشاف الأشخاص.',
		'too-slow': 'الجهاز أبطأ من أن يواكب الكاميرا.'
	}
} as const satisfies Translation<typeof en>;
