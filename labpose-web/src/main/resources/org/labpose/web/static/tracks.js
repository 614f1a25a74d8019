// LabPose track view: an analysed multi-animal video with its tracks; swap identities, delete a false
// track, undo, re-stitch. Coordinates are video pixels (origin top-left, x right, y down).
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const COLORS = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45'];
  const st = { id: null, data: null, frame: 0, poses: {}, img: null };
  window.labposeTracks = st; // for tests

  const { api, status } = LabPose;
  const enc = encodeURIComponent;
  const color = (ind) => COLORS[st.data.individuals.indexOf(ind) % COLORS.length];

  async function init() {
    const r = await api('GET', '/api/tracks');
    if (r.status !== 200) { status('cannot list the analysed videos: ' + r.data, 'error'); return; }
    if (r.data.length === 0) { status('no analysed multi-animal video in this project (run labpose analyze)'); return; }
    for (const v of r.data) {
      const o = document.createElement('option'); o.value = v.id; o.textContent = v.video; $('video').appendChild(o);
    }
    $('video').onchange = () => open($('video').value);
    await open(r.data[0].id);
  }

  async function open(id) {
    const r = await api('GET', '/api/tracks/' + enc(id));
    if (r.status !== 200) { status('cannot open ' + id + ': ' + r.data, 'error'); return; }
    st.id = id;
    show(r.data);
    for (const sel of [$('a'), $('b')]) {
      sel.innerHTML = '';
      for (const ind of r.data.individuals) { const o = document.createElement('option'); o.value = ind; o.textContent = ind; sel.appendChild(o); }
    }
    if (r.data.individuals.length > 1) $('b').value = r.data.individuals[1];
    const m = /frame=(\d+)/.exec(location.hash); // a link can open a frame: /tracks#frame=120
    await go(m ? parseInt(m[1], 10) : 0);
  }

  function show(data) {
    st.data = data;
    st.poses = {};
    $('nframes').textContent = data.frames;
    $('frame').max = data.frames - 1;
    $('refined').textContent = data.refined;
    const ol = $('edits'); ol.innerHTML = '';
    for (const e of data.edits) {
      const li = document.createElement('li');
      li.textContent = e.op === 'swap' ? `swap ${e.a} ↔ ${e.b}, frames ${e.from}–${e.to < 0 ? 'end' : e.to}`
        : `delete ${e.individual}, frames ${e.from}–${e.to < 0 ? 'end' : e.to}`;
      ol.appendChild(li);
    }
    status(`${data.individuals.length} tracks, ${data.crossings.length} crossings, ${data.edits.length} edits`, 'saved');
    timeline();
  }

  async function poses(f) {
    const block = Math.floor(f / 200) * 200;
    if (!st.poses[block]) {
      const r = await api('GET', `/api/tracks/${enc(st.id)}/poses?from=${block}&count=200`);
      if (r.status !== 200) throw new Error(r.data);
      st.poses[block] = r.data.poses;
    }
    return st.poses[block][f - block];
  }

  async function go(f) {
    if (!st.data) return;
    f = Math.max(0, Math.min(st.data.frames - 1, f | 0));
    st.frame = f;
    $('frame').value = f;
    const img = new Image();
    const loaded = new Promise((res, rej) => { img.onload = res; img.onerror = rej; });
    img.src = `/api/tracks/${enc(st.id)}/frame/${f}`;
    try { await loaded; } catch (e) { status('cannot decode frame ' + f, 'error'); return; }
    if (st.frame !== f) return;
    st.img = img;
    const c = crossingAt(f);
    $('crossing-info').textContent = c ? `crossing ${c.a}/${c.b}, frames ${c.first}–${c.last}` : '';
    await draw();
    timeline();
  }

  function crossingAt(f) {
    return st.data.crossings.find((c) => c.first <= f && f <= c.last) || null;
  }

  async function draw() {
    const cv = $('tcanvas');
    const img = st.img;
    cv.width = img.naturalWidth; cv.height = img.naturalHeight;
    const g = cv.getContext('2d');
    g.drawImage(img, 0, 0);
    const p = await poses(st.frame);
    const parts = st.data.bodyparts;
    for (const ind of st.data.individuals) {
      const pts = p[ind];
      g.strokeStyle = g.fillStyle = color(ind);
      g.lineWidth = 2;
      for (const [a, b] of st.data.skeleton) {
        const i = parts.indexOf(a), j = parts.indexOf(b);
        if (i < 0 || j < 0 || !pts[i] || !pts[j]) continue;
        g.beginPath(); g.moveTo(pts[i][0], pts[i][1]); g.lineTo(pts[j][0], pts[j][1]); g.stroke();
      }
      let lx = null, ly = null;
      for (const q of pts) {
        if (!q) continue;
        g.beginPath(); g.arc(q[0], q[1], 3, 0, 2 * Math.PI); g.fill();
        if (lx === null) { lx = q[0]; ly = q[1]; }
      }
      if (lx !== null) { g.font = '12px sans-serif'; g.fillText(ind, lx + 5, ly - 5); }
    }
  }

  function timeline() {
    const cv = $('timeline');
    const d = st.data;
    cv.width = cv.clientWidth || 800;
    const rows = d.individuals.length;
    cv.height = Math.max(30, rows * 14 + 10);
    const g = cv.getContext('2d');
    g.fillStyle = '#fff'; g.fillRect(0, 0, cv.width, cv.height);
    const x = (f) => f / Math.max(1, d.frames) * cv.width;
    d.individuals.forEach((ind, r) => {
      const lik = d.likelihood[ind];
      for (let f = 0; f < d.frames; f++) {
        if (lik[f] === null) continue;
        g.globalAlpha = 0.25 + 0.75 * lik[f];
        g.fillStyle = color(ind);
        g.fillRect(x(f), 5 + r * 14, Math.max(1, x(f + 1) - x(f)), 10);
      }
    });
    g.globalAlpha = 1;
    g.fillStyle = 'rgba(0,0,0,0.6)';
    for (const c of d.crossings) g.fillRect(x(c.first), 0, Math.max(2, x(c.last + 1) - x(c.first)), 4);
    g.fillStyle = '#000';
    g.fillRect(x(st.frame), 0, 2, cv.height);
  }

  async function change(path, body) {
    status('saving…');
    const r = await api('POST', `/api/tracks/${enc(st.id)}/${path}`, Object.assign({ version: st.data.version }, body || {}));
    if (r.status === 409) {
      show(r.data);
      status('another tab changed these tracks: reloaded their latest state; repeat the edit if still needed', 'error');
    } else if (r.status !== 200) {
      status('not saved: ' + r.data, 'error');
      return;
    } else {
      show(r.data);
    }
    await draw();
  }

  $('prev').onclick = () => go(st.frame - 1);
  $('next').onclick = () => go(st.frame + 1);
  $('frame').onchange = () => go(parseInt($('frame').value, 10));
  $('next-crossing').onclick = () => {
    const c = st.data.crossings.find((x) => x.first > st.frame);
    if (c) { $('a').value = c.a; $('b').value = c.b; go(c.first); } else status('no crossing after this frame');
  };
  $('timeline').onclick = (e) => {
    const r = $('timeline').getBoundingClientRect();
    go(Math.floor((e.clientX - r.left) / r.width * st.data.frames));
  };
  $('swap-on').onclick = () => change('edit', { op: 'swap', a: $('a').value, b: $('b').value, from: st.frame, to: -1 });
  $('swap-crossing').onclick = () => {
    const c = crossingAt(st.frame);
    if (!c) { status('this frame is not in a crossing'); return; }
    change('edit', { op: 'swap', a: $('a').value, b: $('b').value, from: st.frame, to: c.last });
  };
  $('delete').onclick = () => change('edit', { op: 'delete', individual: $('a').value, from: st.frame, to: -1 });
  $('undo').onclick = () => change('undo');
  $('restitch').onclick = () => { if (confirm('Re-stitch the tracks from the analysis? This drops the edits.')) change('restitch'); };
  document.addEventListener('keydown', (e) => {
    if (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT') return;
    if (e.key === 'n' || e.key === 'ArrowRight') go(st.frame + 1);
    else if (e.key === 'p' || e.key === 'ArrowLeft') go(st.frame - 1);
    else if (e.key === 'c') $('next-crossing').onclick();
  });
  init();
})();
