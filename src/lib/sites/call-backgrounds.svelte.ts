/**
 * The call backgrounds of one site on its settings page, as Svelte state: the stored list,
 * adding a picture (scaled down in the browser first when the bucket would refuse it as it is)
 * and removing one. The bucket decides; this only says why it refused.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	CALL_BACKGROUND_MAX_BYTES,
	CALL_BACKGROUNDS_PER_SITE,
	addBackground,
	listBackgrounds,
	planUpload,
	removeBackground,
	shrunkSize,
	type CallBackgroundProblem,
	type CallBackgroundType,
	type StoredBackground
} from './call-backgrounds.ts';

/** JPEG qualities a scaled-down picture is tried at, best first, until it fits the bucket. */
const SHRINK_QUALITIES = [0.88, 0.75, 0.6];

/**
 * Redraws a picture at most CALL_BACKGROUND_MAX_SIDE_PX on its longest side, as JPEG, at the
 * best quality that fits the bucket (else the smallest tried); null if it is not a picture.
 */
async function shrink(file: Blob): Promise<Blob | null> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch {
		return null;
	}
	try {
		const { width, height } = shrunkSize(bitmap.width, bitmap.height);
		const canvas = document.createElement('canvas');
		canvas.width = width;
		canvas.height = height;
		const context = canvas.getContext('2d');
		if (!context) return null;
		// Transparent pixels become white rather than JPEG's black.
		context.fillStyle = '#fff';
		context.fillRect(0, 0, width, height);
		context.drawImage(bitmap, 0, 0, width, height);
		let smallest: Blob | null = null;
		for (const quality of SHRINK_QUALITIES) {
			smallest = await new Promise<Blob | null>((resolve) =>
				canvas.toBlob(resolve, 'image/jpeg', quality)
			);
			if (!smallest || smallest.size <= CALL_BACKGROUND_MAX_BYTES) break;
		}
		return smallest;
	} finally {
		bitmap.close();
	}
}

export class SiteCallBackgrounds {
	#client: SupabaseClient;
	#siteId: string;
	#items = $state.raw<StoredBackground[]>([]);
	#status = $state<'loading' | 'ready' | 'failed'>('loading');
	#loadError = $state('');
	/** 'add' while a picture uploads, or the path being removed. */
	#busy = $state<string | null>(null);
	#problem = $state<CallBackgroundProblem | null>(null);
	#problemDetail = $state('');
	#added = $state(false);

	constructor(client: SupabaseClient, siteId: string) {
		this.#client = client;
		this.#siteId = siteId;
	}

	get items(): readonly StoredBackground[] {
		return this.#items;
	}
	get status() {
		return this.#status;
	}
	get loadError(): string {
		return this.#loadError;
	}
	get busy(): string | null {
		return this.#busy;
	}
	/** Why the last add or remove did not happen, else null. */
	get problem(): CallBackgroundProblem | null {
		return this.#problem;
	}
	get problemDetail(): string {
		return this.#problemDetail;
	}
	/** Whether the last add went through (for a short confirmation). */
	get added(): boolean {
		return this.#added;
	}
	get full(): boolean {
		return this.#items.length >= CALL_BACKGROUNDS_PER_SITE;
	}

	/** (Re)reads the stored list. */
	async load(): Promise<void> {
		try {
			this.#items = await listBackgrounds(this.#client, this.#siteId);
			this.#status = 'ready';
		} catch (err) {
			this.#loadError = err instanceof Error ? err.message : String(err);
			this.#status = 'failed';
		}
	}

	/** Adds a picture the operator picked. */
	async add(file: File): Promise<void> {
		if (this.#busy) return;
		this.#problem = null;
		this.#added = false;
		const plan = planUpload(file, this.#items.length);
		if (plan.kind === 'refuse') return this.#refuse(plan.problem);
		this.#busy = 'add';
		try {
			let blob: Blob = file;
			const type: CallBackgroundType = plan.kind === 'upload' ? plan.type : 'image/jpeg';
			if (plan.kind === 'shrink') {
				const smaller = await shrink(file);
				if (!smaller) return this.#refuse('not-image');
				if (smaller.size > CALL_BACKGROUND_MAX_BYTES) return this.#refuse('too-large');
				blob = smaller;
			}
			const problem = await addBackground(this.#client, this.#siteId, blob, type);
			if (problem === 'forbidden') {
				// Another tab or device may have taken the last place meanwhile: the database's
				// refusal then reads as a full site, which is what the operator needs to know.
				await this.load();
				return this.#refuse(this.full ? 'full' : problem);
			}
			if (problem) return this.#refuse(problem);
			this.#added = true;
			await this.load();
		} catch (err) {
			this.#refuse('other', err instanceof Error ? err.message : String(err));
		} finally {
			this.#busy = null;
		}
	}

	/** Removes a stored background. */
	async remove(path: string): Promise<void> {
		if (this.#busy) return;
		this.#problem = null;
		this.#added = false;
		this.#busy = path;
		try {
			const problem = await removeBackground(this.#client, path);
			if (problem) return this.#refuse(problem);
			this.#items = this.#items.filter((item) => item.path !== path);
		} catch (err) {
			this.#refuse('other', err instanceof Error ? err.message : String(err));
		} finally {
			this.#busy = null;
		}
	}

	#refuse(problem: CallBackgroundProblem, detail = '') {
		this.#problem = problem;
		this.#problemDetail = detail;
	}
}
