// LabPose pages: what the labeler and the track view share. Plain JavaScript, no external resources.
'use strict';
const LabPose = Object.freeze({
  // A JSON request to this server: {status, data}, data parsed as JSON when it is, else the text.
  api: async (method, url, body) => {
    const r = await fetch(url, {
      method, headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin',
    });
    const text = await r.text();
    let data = null;
    try { data = JSON.parse(text); } catch (e) { data = text; }
    return { status: r.status, data };
  },
  // The status line of the page's header; cls 'error' or 'saved' colours it.
  status: (text, cls) => { const s = document.getElementById('status'); s.textContent = text; s.className = cls || ''; },
});
