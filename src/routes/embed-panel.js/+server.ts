/**
 * `/embed-panel.js`: the widget panel's host end, an ES module the snippet imports the first
 * time the visitor opens the chat (src/embed/panel.ts). It needs no config: it talks to the
 * snippet and to the widget, never to the backend. Served like `/embed.js`.
 */
import { panel } from 'virtual:parley-embed';
import { scriptHandler } from '../../embed/serve.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = scriptHandler(() => panel);
