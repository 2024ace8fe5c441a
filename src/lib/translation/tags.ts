/**
 * Language tags: the app speaks BCP-47 (`en`, `es`, `pt-BR`, `zh-Hant`); each provider has its
 * own codes. Apertium names languages with ISO 639-3 codes and an optional variant
 * (`eng`, `spa`, `eng_US`, `por_BR`, `cat_valencia`); LibreTranslate with ISO 639-1 codes and
 * a few specials (`pt-BR` or `pb`, `zh-Hans`/`zh`, `zh-Hant`/`zt`). A tag is matched against
 * the codes the server itself lists, most specific first.
 */

/** Longest tag accepted (conversations.visitor_language allows the same). */
export const LANGUAGE_TAG_MAX_CHARS = 35;

/** BCP-47's shape: a 2–3 letter language, then subtags of 1–8 letters or digits. */
const TAG_SHAPE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/** The parts of a tag that matter for translation. */
export interface ParsedTag {
	/** Lower-case language subtag as written after canonicalisation (`en`, `hbs`). */
	language: string;
	/** Title-case script (`Hant`), if any. */
	script?: string;
	/** Upper-case region (`BR`), if any. */
	region?: string;
	/** The canonical tag (`pt-BR`). */
	tag: string;
}

/** The tag in canonical form with its parts, or null when it is not a well-formed tag. */
export function parseTag(tag: unknown): ParsedTag | null {
	if (typeof tag !== 'string' || tag.length > LANGUAGE_TAG_MAX_CHARS || !TAG_SHAPE.test(tag))
		return null;
	try {
		const locale = new Intl.Locale(tag);
		return {
			language: locale.language,
			...(locale.script ? { script: locale.script } : {}),
			...(locale.region ? { region: locale.region } : {}),
			tag: locale.baseName
		};
	} catch {
		return null;
	}
}

/**
 * ISO 639-1 → ISO 639-3 (Apertium's codes), as apertium-apy's own table has them; where
 * Apertium uses another code for the same language, it follows as a second choice.
 */
// prettier-ignore
const ALPHA3: Readonly<Record<string, readonly string[]>> = {
	aa: ['aar'], ab: ['abk'], ae: ['ave'], af: ['afr'], ak: ['aka'], am: ['amh'], an: ['arg'],
	ar: ['ara'], as: ['asm'], av: ['ava'], ay: ['aym'], az: ['aze', 'azb'], ba: ['bak'],
	be: ['bel'], bg: ['bul'], bh: ['bih'], bi: ['bis'], bm: ['bam'], bn: ['ben'], bo: ['bod'],
	br: ['bre'], bs: ['bos', 'hbs'], ca: ['cat'], ce: ['che'], ch: ['cha'], co: ['cos'],
	cr: ['cre'], cs: ['ces'], cu: ['chu'], cv: ['chv'], cy: ['cym'], da: ['dan'], de: ['deu'],
	dv: ['div'], dz: ['dzo'], ee: ['ewe'], el: ['ell'], en: ['eng'], eo: ['epo'], es: ['spa'],
	et: ['est'], eu: ['eus'], fa: ['fas', 'pes'], ff: ['ful'], fi: ['fin'], fj: ['fij'],
	fo: ['fao'], fr: ['fra'], fy: ['fry'], ga: ['gle'], gd: ['gla'], gl: ['glg'], gn: ['grn'],
	gu: ['guj'], gv: ['glv'], ha: ['hau'], he: ['heb'], hi: ['hin'], ho: ['hmo'],
	hr: ['hrv', 'hbs'], ht: ['hat'], hu: ['hun'], hy: ['hye'], hz: ['her'], ia: ['ina'],
	id: ['ind'], ie: ['ile'], ig: ['ibo'], ii: ['iii'], ik: ['ipk'], io: ['ido'], is: ['isl'],
	it: ['ita'], iu: ['iku'], ja: ['jpn'], jv: ['jav'], ka: ['kat'], kg: ['kon'], ki: ['kik'],
	kj: ['kua'], kk: ['kaz'], kl: ['kal'], km: ['khm'], kn: ['kan'], ko: ['kor'], kr: ['kau'],
	ks: ['kas'], ku: ['kur'], kv: ['kom'], kw: ['cor'], ky: ['kir'], la: ['lat'], lb: ['ltz'],
	lg: ['lug'], li: ['lim'], ln: ['lin'], lo: ['lao'], lt: ['lit'], lu: ['lub'], lv: ['lav'],
	mg: ['mlg'], mh: ['mah'], mi: ['mri'], mk: ['mkd'], ml: ['mal'], mn: ['mon'], mr: ['mar'],
	ms: ['msa'], mt: ['mlt'], my: ['mya'], na: ['nau'], nb: ['nob'], nd: ['nde'], ne: ['nep'],
	ng: ['ndo'], nl: ['nld'], nn: ['nno'], no: ['nor', 'nob'], nr: ['nbl'], nv: ['nav'],
	ny: ['nya'], oc: ['oci'], oj: ['oji'], om: ['orm'], or: ['ori'], os: ['oss'], pa: ['pan'],
	pi: ['pli'], pl: ['pol'], ps: ['pus'], pt: ['por'], qu: ['que'], rm: ['roh'], rn: ['run'],
	ro: ['ron'], ru: ['rus'], rw: ['kin'], sa: ['san'], sc: ['srd'], sd: ['snd'], se: ['sme'],
	sg: ['sag'], sh: ['hbs'], si: ['sin'], sk: ['slk'], sl: ['slv'], sm: ['smo'], sn: ['sna'],
	so: ['som'], sq: ['sqi'], sr: ['srp', 'hbs'], ss: ['ssw'], st: ['sot'], su: ['sun'],
	sv: ['swe'], sw: ['swa'], ta: ['tam'], te: ['tel'], tg: ['tgk'], th: ['tha'], ti: ['tir'],
	tk: ['tuk'], tl: ['tgl'], tn: ['tsn'], to: ['ton'], tr: ['tur'], ts: ['tso'], tt: ['tat'],
	tw: ['twi'], ty: ['tah'], ug: ['uig'], uk: ['ukr'], ur: ['urd'], uz: ['uzb'], ve: ['ven'],
	vi: ['vie'], vo: ['vol'], wa: ['wln'], wo: ['wol'], xh: ['xho'], yi: ['yid'], yo: ['yor'],
	za: ['zha'], zh: ['zho'], zu: ['zul']
};

/** ISO 639-3 → ISO 639-1, for showing Apertium's codes as BCP-47 tags. */
const ALPHA2: ReadonlyMap<string, string> = new Map(
	Object.entries(ALPHA3).map(([two, threes]) => [threes[0], two])
);

/** Apertium's codes for a tag, most specific first: `pt-BR` → `por_BR`, `por`. */
export function apertiumCandidates(tag: ParsedTag): string[] {
	const languages = ALPHA3[tag.language] ?? [tag.language];
	const out: string[] = [];
	for (const code of languages) {
		if (tag.region) out.push(`${code}_${tag.region}`);
		out.push(code);
	}
	return out;
}

/** An Apertium code as a BCP-47 tag: `eng_US` → `en-US`, `cat_valencia` → `ca-valencia`. */
export function apertiumCodeToTag(code: string): string {
	const [language, variant] = code.split('_', 2);
	const base = ALPHA2.get(language) ?? language;
	if (!variant) return base;
	if (/^[A-Za-z]{2}$/.test(variant)) return `${base}-${variant.toUpperCase()}`;
	if (/^[A-Za-z0-9]{5,8}$/.test(variant)) return `${base}-${variant.toLowerCase()}`;
	// Not expressible as a region or variant: keep it, privately.
	return `${base}-x-${
		variant
			.toLowerCase()
			.replace(/[^a-z0-9]/g, '')
			.slice(0, 8) || 'var'
	}`;
}

/** LibreTranslate's special codes and the tags they stand for. */
const LIBRE_SPECIAL: Readonly<Record<string, string>> = {
	pb: 'pt-BR',
	zt: 'zh-Hant'
};

/** LibreTranslate's codes for a tag, most specific first: `zh-TW` → `zh-TW`, `zh-Hant`, `zt`, `zh`. */
export function libreCandidates(tag: ParsedTag): string[] {
	const { language, script, region } = tag;
	const out: string[] = [tag.tag];
	if (script) out.push(`${language}-${script}`);
	if (region) out.push(`${language}-${region}`);
	if (language === 'zh') {
		const traditional = script === 'Hant' || (!script && ['TW', 'HK', 'MO'].includes(region ?? ''));
		out.push(...(traditional ? ['zh-Hant', 'zt'] : ['zh-Hans']));
	}
	if (language === 'pt' && region === 'BR') out.push('pb');
	out.push(language);
	return [...new Set(out)];
}

/** A LibreTranslate code as a BCP-47 tag: `pb` → `pt-BR`, `zh-Hans` → `zh-Hans`. */
export function libreCodeToTag(code: string): string {
	return LIBRE_SPECIAL[code] ?? parseTag(code)?.tag ?? code;
}

/**
 * The first pair of server codes, in order of preference, that the server translates; null
 * when none does. `has` says whether the server translates source→target.
 */
export function pickPair(
	sources: readonly string[],
	targets: readonly string[],
	has: (source: string, target: string) => boolean
): { source: string; target: string } | null {
	for (const source of sources)
		for (const target of targets) if (has(source, target)) return { source, target };
	return null;
}

/** Display-name formatters by the language they speak in, made once each. */
const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * The name of the language `tag` names, in the language `locale` (`es` in English: "Spanish");
 * the tag itself when the platform has no name for it or the tag is not one.
 */
export function languageName(tag: string, locale: string): string {
	try {
		let names = displayNames.get(locale);
		if (!names)
			displayNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language' })));
		return names.of(tag) ?? tag;
	} catch {
		return tag;
	}
}
