// The Content-Security-Policy sent with every app:// response. The renderer is built by Vite into
// same-origin files, so nothing beyond 'self' is needed; Vue's scoped styles and transitions set
// inline styles, hence 'unsafe-inline' for style-src only. The dev server (electron-vite dev) serves
// its own pages and is not covered by this header.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; " +
  "form-action 'none'"
