// The token arrives in the URL fragment, which only the browser sees.
export const ssr = false;
