import type { Sealed, SiteKey } from './crypto.ts';

/**
 * The page a protected site serves instead of each real page: a password form and the sealed
 * original. The browser derives the key with PBKDF2 (WebCrypto), keeps the raw key in
 * sessionStorage so other pages open without asking again, decrypts with AES-GCM and replaces the
 * document. Downloads on the downloads page are decrypted the same way into a Blob. Nothing of
 * the client is in this page in plain text.
 */
export function unlockPage(opts: { sealed: Sealed; key: SiteKey; base: string }): string {
  const payload = JSON.stringify({
    salt: opts.key.salt.toString('base64'),
    iterations: opts.key.iterations,
    iv: opts.sealed.iv,
    data: opts.sealed.data,
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>Protected report</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:15vh auto;padding:0 1rem;color:#1d2433}
input,button{font:inherit;padding:.5rem .75rem;border:1px solid #b8c0cc;border-radius:4px}button{background:#1f3a5f;color:#fff;border-color:#1f3a5f}
#err{color:#a4262c;min-height:1.5em}</style></head>
<body><h1>Protected report</h1><p>This report is encrypted. Enter the password you were given.</p>
<noscript><p>JavaScript is needed to decrypt this report.</p></noscript>
<form id="f"><input id="p" type="password" autocomplete="current-password" aria-label="Password" required autofocus> <button>Open</button></form>
<p id="err" role="alert"></p>
<script type="application/json" id="sealed">${payload.replace(/</g, '\\u003c')}</script>
<script>
(() => {
  const sealed = JSON.parse(document.getElementById('sealed').textContent);
  const b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const store = 'trueup-key:' + sealed.salt;
  async function derive(password) {
    const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
    const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: b64(sealed.salt), iterations: sealed.iterations }, base, 256);
    return new Uint8Array(bits);
  }
  async function open(raw) {
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
    const decrypt = (s) => crypto.subtle.decrypt({ name: 'AES-GCM', iv: b64(s.iv) }, key, b64(s.data));
    const html = new TextDecoder().decode(await decrypt(sealed));
    sessionStorage.setItem(store, btoa(String.fromCharCode(...raw)));
    document.open(); document.write(html); document.close();
    document.addEventListener('click', async (e) => {
      const a = e.target.closest && e.target.closest('a[data-download]');
      if (!a) return;
      e.preventDefault();
      const blob = await (await fetch(a.dataset.download)).json();
      const url = URL.createObjectURL(new Blob([await decrypt(blob)], { type: a.dataset.type }));
      const link = Object.assign(document.createElement('a'), { href: url, download: a.dataset.name });
      link.click(); URL.revokeObjectURL(url);
    });
  }
  const saved = sessionStorage.getItem(store);
  // replace the page only once it has finished parsing: document.open() is ignored while the
  // parser runs, and the decrypted page would be written into this one instead
  const reopen = () => open(b64(saved)).catch(() => sessionStorage.removeItem(store));
  if (saved) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', reopen);
    else reopen();
  }
  document.getElementById('f').addEventListener('submit', async (e) => {
    e.preventDefault();
    document.getElementById('err').textContent = 'Opening…';
    try { await open(await derive(document.getElementById('p').value)); }
    catch { document.getElementById('err').textContent = 'That password does not open this report.'; }
  });
})();
</script></body></html>
`;
}
