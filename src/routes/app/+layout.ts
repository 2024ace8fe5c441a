// The console is a client-side app: it reads the session from the device's storage and works
// offline from the service worker's cached shell, so there is nothing to render on the server.
export const ssr = false;
