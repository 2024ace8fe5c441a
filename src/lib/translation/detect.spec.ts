import { beforeAll, describe, expect, it } from 'vitest';
import { loadDetector } from '../server/translate/detector.ts';
import { decideLanguage, detectionSample, type Detector } from './detect.ts';

let eld: Detector;
beforeAll(async () => {
	eld = await loadDetector();
});

const browser = (language: string) => ({ language, source: 'browser' as const });

describe('detectionSample', () => {
	it('reads the first three messages without links, addresses or numbers', () => {
		expect(
			detectionSample([
				'Mi pedido 12345',
				'mirad https://shop.example/orders/9 o www.shop.example',
				'escribid a ana@example.com',
				'this fourth one is not read'
			])
		).toBe('Mi pedido mirad o escribid a');
	});
});

describe('decideLanguage with eld', () => {
	it('keeps the browser tag when the visitor writes its language', () => {
		expect(
			decideLanguage(browser('es-ES'), ['Hola, mi pedido no ha llegado todavía'], eld)
		).toEqual({ language: 'es-ES', source: 'detected' });
	});

	it('corrects an English browser when the visitor writes Spanish', () => {
		expect(
			decideLanguage(browser('en-US'), ['Hola, necesito ayuda con mi pedido', 'gracias'], eld)
		).toEqual({ language: 'es', source: 'detected' });
	});

	it('fills in a language the browser did not give', () => {
		expect(decideLanguage(browser(''), ["Bonjour, ma commande n'est pas arrivée"], eld)).toEqual({
			language: 'fr',
			source: 'detected'
		});
	});

	it('waits for more than a greeting', () => {
		expect(decideLanguage(browser('en'), ['hola', '👋 ok'], eld)).toBeNull();
	});

	it("never overrides an agent's correction, nor detects twice", () => {
		const bodies = ['Hola, necesito ayuda con mi pedido'];
		expect(decideLanguage({ language: 'pt', source: 'agent' }, bodies, eld)).toBeNull();
		expect(decideLanguage({ language: 'es', source: 'detected' }, bodies, eld)).toBeNull();
	});

	it('keeps the current language when the detector is unsure', () => {
		const unsure: Detector = () => ({ language: 'it', reliable: false });
		expect(decideLanguage(browser('es'), ['Una frase abbastanza lunga'], unsure)).toBeNull();
	});
});
