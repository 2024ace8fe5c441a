import { describe, expect, it } from 'vitest';
import { formatNotification, notificationLanguage, type PushItem } from './format.ts';

const ID = '0b6b4a47-8a51-4a8e-9d5c-2b1a1e9f3c11';
const OFFER_ID = '5d1c7c1e-3b7a-4f0e-9a43-7c2d9b1e0a22';
const data = { site_name: 'Corner Shop', visitor_name: 'Vera' };

describe('formatNotification for calls', () => {
	it('says who is calling and with what, and opens the conversation', () => {
		const video: PushItem = {
			kind: 'call',
			conversationId: ID,
			data: { ...data, message_kind: 'video' }
		};
		expect(formatNotification([video])).toMatchObject({
			kind: 'call',
			title: 'Incoming video call',
			body: 'Vera is calling from Corner Shop',
			url: `/app/conversations/${ID}`,
			tag: ID
		});
		const audio = { ...video, data: { ...data, message_kind: 'audio' } };
		expect(formatNotification([audio]).title).toBe('Incoming audio call');
	});

	it('lets a ringing call win over messages claimed with it', () => {
		const message: PushItem = {
			kind: 'message',
			conversationId: ID,
			data: { ...data, preview: 'Hello?' }
		};
		const call: PushItem = {
			kind: 'call',
			conversationId: ID,
			data: { ...data, message_kind: 'video' }
		};
		expect(formatNotification([message, call]).kind).toBe('call');
	});
});

describe('formatNotification for transfers and whispers', () => {
	it('says who offers the conversation, with their note', () => {
		const offer: PushItem = {
			kind: 'transfer_offered',
			conversationId: ID,
			data: { ...data, from_name: 'Ana', preview: 'Wants a refund' }
		};
		expect(formatNotification([offer])).toMatchObject({
			kind: 'transfer_offered',
			title: 'Ana offers you a conversation',
			body: 'Vera: Wants a refund',
			url: `/app/conversations/${ID}`
		});
		// The notification opens what became of this very offer.
		const withId = { ...offer, data: { ...offer.data, transfer_id: OFFER_ID } };
		expect(formatNotification([withId]).offer).toBe(OFFER_ID);
		expect(formatNotification([offer]).offer).toBeUndefined();
		const bare = { ...offer, data: { ...data } };
		expect(formatNotification([bare])).toMatchObject({
			title: 'A colleague offers you a conversation',
			body: 'Vera on Corner Shop'
		});
	});

	it('shows a whisper’s words and sender, and lets an offer claimed with it win', () => {
		const whisper: PushItem = {
			kind: 'whisper',
			conversationId: ID,
			data: { ...data, from_name: 'Ana', preview: 'Can you take a look?' }
		};
		expect(formatNotification([whisper])).toMatchObject({
			kind: 'whisper',
			title: 'Ana, about Vera',
			body: 'Can you take a look?'
		});
		const offer: PushItem = { kind: 'transfer_offered', conversationId: ID, data };
		expect(formatNotification([whisper, offer]).kind).toBe('transfer_offered');
	});
});

describe('formatNotification in the agent’s language', () => {
	const started: PushItem = { kind: 'conversation_started', conversationId: ID, data };
	const image: PushItem = {
		kind: 'message',
		conversationId: ID,
		data: { ...data, message_kind: 'image' }
	};

	it('words it in the language the agent’s console keeps', () => {
		expect(formatNotification([started], 'es')).toMatchObject({
			title: 'Nueva conversación en Corner Shop',
			body: 'Vera espera una respuesta'
		});
		expect(formatNotification([started, image], 'ar').title).toBe('محادثة جديدة على Corner Shop');
		expect(formatNotification([image], 'de').body).not.toBe(formatNotification([image]).body);
		const call: PushItem = { kind: 'call', conversationId: ID, data: { message_kind: 'video' } };
		expect(formatNotification([call], 'ar').title).toBe('مكالمة فيديو واردة');
	});

	it('takes a regional tag by its language, and English for one the interface lacks', () => {
		expect(notificationLanguage('fr-CA')).toBe('fr');
		expect(notificationLanguage('ZH')).toBe('zh');
		for (const other of ['pt-BR', '', null, undefined, 'x'])
			expect(notificationLanguage(other), String(other)).toBe('en');
		expect(formatNotification([started], 'pt').title).toBe('New conversation on Corner Shop');
	});
});
