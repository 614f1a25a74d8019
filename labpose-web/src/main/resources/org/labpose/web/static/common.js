// LabPose pages: what the labeler and the track view share. Plain JavaScript, no external resources.
'use strict';
const LabPose = Object.freeze({
  // A JSON request to this server: {status, data}, data parsed as JSON when it is, else the text.
  api: async (method, url, body) => {
    const headers = body ? { 'Content-Type': 'application/json' } : {};
    const session = LabPose.session();
    if (session) headers['X-LabPose-Session'] = session;
    const r = await fetch(url, {
      method, headers,
      body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin',
    });
    const text = await r.text();
    let data = null;
    try { data = JSON.parse(text); } catch (e) { data = text; }
    return { status: r.status, data };
  },
  // The studio's per-server secret (a same-site cookie), echoed in a header on every change.
  session: () => {
    const m = document.cookie.match(/(?:^|;\s*)labpose_session=([0-9a-f]+)/);
    return m ? m[1] : null;
  },
  // The status line of the page's header; cls 'error' or 'saved' colours it.
  status: (text, cls) => { const s = document.getElementById('status'); s.textContent = text; s.className = cls || ''; },
});
