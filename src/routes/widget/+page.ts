// The widget lives in a cross-origin iframe and gets its session from the host page over
// postMessage, so there is nothing to render on the server.
export const ssr = false;
