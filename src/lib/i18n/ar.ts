/** Arabic interface strings (see en.ts), loaded only when Arabic is the interface language. */
import type { Catalog } from './i18n.ts';
import { admin } from './ar/admin.ts';
import { calls } from './ar/calls.ts';
import { consoleStrings } from './ar/console.ts';
import { ui } from './ar/ui.ts';
import { widget } from './ar/widget.ts';

export const ar = {
	ui,
	widget,
	calls,
	...admin,
	app: {
		name: 'Parley',
		tagline: 'خدمة عملاء فورية لموقعك، على خوادمك الخاصة.'
	},
	common: {
		loading: 'جارٍ التحميل…'
	},
	nav: {
		label: 'الرئيسية',
		signUp: 'إنشاء حساب',
		logIn: 'تسجيل الدخول',
		signOut: 'تسجيل الخروج',
		sites: 'المواقع',
		account: 'الحساب',
		console: 'وحدة التحكم'
	},
	console: consoleStrings
} as const satisfies Catalog;
