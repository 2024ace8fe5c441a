/** Arabic strings of the design system's shared components (see en/ui.ts). */
import type { ui as en } from '../en/ui.ts';
import type { Translation } from '../languages.ts';

export const ui = {
	optional: 'اختياري',
	counter: '{{count}} / {{max}}',
	close: 'إغلاق',
	showPassword: 'إظهار كلمة المرور',
	theme: {
		label: 'سمة الألوان',
		light: 'فاتح',
		dark: 'داكن',
		system: 'حسب النظام'
	},
	language: {
		label: 'اللغة',
		lead: 'لغة Parley على هذا الجهاز.',
		browser: 'لغة المتصفح'
	}
} as const satisfies Translation<typeof en>;
