/** A site as the `sites` table returns it to its members. */
export interface Site {
	id: string;
	owner_id: string;
	name: string;
	site_key: string;
	allowed_origins: string[];
	widget_color: string;
	widget_position: WidgetPosition;
	greeting: string;
	default_language: string;
	installed_at: string | null;
	installed_page: string | null;
	created_at: string;
	updated_at: string;
}

export const WIDGET_POSITIONS = ['bottom-right', 'bottom-left'] as const;
export type WidgetPosition = (typeof WIDGET_POSITIONS)[number];

/** The columns an owner sets: what the create and edit forms send. */
export type SiteSettings = Pick<
	Site,
	'name' | 'allowed_origins' | 'widget_color' | 'widget_position' | 'greeting' | 'default_language'
>;

/** Limits the database enforces too (constraints in the tenancy migration). */
export const SITE_NAME_MAX_CHARS = 100;
export const GREETING_MAX_CHARS = 500;
export const ALLOWED_ORIGINS_MAX = 50;
export const LANGUAGE_TAG_MAX_CHARS = 35;

/** The settings a new site starts with (the table's defaults). */
export const DEFAULT_SETTINGS: SiteSettings = {
	name: '',
	allowed_origins: [],
	widget_color: '#2563eb',
	widget_position: 'bottom-right',
	greeting: '',
	default_language: 'en'
};
