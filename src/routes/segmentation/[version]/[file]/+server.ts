/**
 * `/segmentation/{version}/{file}`: person segmentation's runtime and model, from our own
 * origin (see $lib/server/segmentation-assets.ts). Loaded only when someone turns on a
 * background effect in a call; never precached by the service worker.
 */
import { segmentationResponse } from '$lib/server/segmentation-assets.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, request }) =>
	segmentationResponse(params.version, params.file, request);
