/**
 * Drag and drop of files onto a chat: an attachment (`use:`-style function) that calls
 * `onfiles` with dropped files and marks the element `data-dropping` while files hover it.
 */
const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

/** Makes `node` take dropped files; returns the function that stops it. */
export function dropFiles(node: HTMLElement, onfiles: (files: File[]) => void): () => void {
	let depth = 0;
	const set = (on: boolean) => {
		if (on) node.dataset.dropping = '';
		else delete node.dataset.dropping;
	};
	const enter = (e: DragEvent) => {
		if (!carriesFiles(e)) return;
		e.preventDefault();
		depth++;
		set(true);
	};
	const over = (e: DragEvent) => {
		if (!carriesFiles(e)) return;
		e.preventDefault();
		if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
	};
	const leave = () => {
		depth = Math.max(0, depth - 1);
		if (!depth) set(false);
	};
	const drop = (e: DragEvent) => {
		if (!carriesFiles(e)) return;
		e.preventDefault();
		depth = 0;
		set(false);
		const files = [...(e.dataTransfer?.files ?? [])];
		if (files.length) onfiles(files);
	};
	node.addEventListener('dragenter', enter);
	node.addEventListener('dragover', over);
	node.addEventListener('dragleave', leave);
	node.addEventListener('drop', drop);
	return () => {
		node.removeEventListener('dragenter', enter);
		node.removeEventListener('dragover', over);
		node.removeEventListener('dragleave', leave);
		node.removeEventListener('drop', drop);
	};
}
