// LabPose labeler: plain JavaScript, no external resources. Coordinates of points are image pixels
// (origin top-left, x right, y down); the view maps them to the canvas by a scale and an offset.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const canvas = $('canvas');
  const ctx = canvas.getContext('2d');
  const state = {
    project: null, folder: null, images: [], placed: {}, index: 0,
    frame: null,            // {image, version, points: {id: [x, y] | null}}
    img: null,              // HTMLImageElement of the current frame
    individual: '', current: 0,
    view: { scale: 1, ox: 0, oy: 0 },
    undo: [], redo: [],
    saving: false, pending: false,
  };
  window.labpose = state; // for tests and the curious

  const { api, status } = LabPose;
  const enc = encodeURIComponent;

  // ----- keypoints of the selected individual -----
  const kps = () => state.project.keypoints.filter((k) => !state.project.multiAnimal || k.individual === state.individual);
  const kpById = (id) => state.project.keypoints.find((k) => k.id === id);

  // ----- loading -----
  async function init() {
    const r = await api('GET', '/api/project');
    if (r.status !== 200) { status('cannot load the project: ' + r.data, 'error'); return; }
    state.project = r.data;
    $('task').textContent = r.data.task + ' — scorer ' + r.data.scorer;
    const inds = [...new Set(r.data.keypoints.map((k) => k.individual))];
    if (r.data.multiAnimal) {
      $('individual-row').hidden = false;
      for (const i of inds) { const o = document.createElement('option'); o.value = i; o.textContent = i; $('individual').appendChild(o); }
      state.individual = inds[0];
      $('individual').onchange = () => { state.individual = $('individual').value; state.current = 0; renderParts(); draw(); };
    } else {
      state.individual = '';
    }
    for (const f of r.data.folders) {
      const o = document.createElement('option'); o.value = f.name; o.textContent = f.name + ' (' + f.images + ')';
      $('folder').appendChild(o);
    }
    $('folder').onchange = () => openFolder($('folder').value, 0);
    if (r.data.folders.length === 0) { status('no labeled-data folders: extract frames first'); return; }
    state.refine = location.hash === '#refine';
    if (state.refine) {
      const f = r.data.folders.find((x) => x.suggested > 0);
      if (f) { await openFolder(f.name, 0, null, true); return; }
    }
    const hash = decodeURIComponent(location.hash.slice(1)).split('/');
    // the folder named in the address, else the first with frames (a video added without frames has an empty one)
    const withFrames = r.data.folders.find((f) => f.images > 0) || r.data.folders[0];
    const start = r.data.folders.find((f) => f.name === hash[0]) ? hash[0] : withFrames.name;
    await openFolder(start, 0, hash[1]);
  }

  async function openFolder(name, index, image, firstSuggested) {
    await flush();
    const r = await api('GET', '/api/folders/' + enc(name));
    if (r.status !== 200) { status('cannot open ' + name + ': ' + r.data, 'error'); return; }
    state.folder = name;
    $('folder').value = name;
    state.images = r.data.map((f) => f.image);
    state.placed = Object.fromEntries(r.data.map((f) => [f.image, f.placed]));
    state.suggested = Object.fromEntries(r.data.map((f) => [f.image, f.suggested]));
    let at = image ? state.images.indexOf(image) : -1;
    if (firstSuggested) at = r.data.findIndex((f) => f.suggested);
    renderFrames();
    await openFrame(at >= 0 ? at : index);
  }

  async function openFrame(i) {
    if (!state.images.length) { state.frame = null; draw(); status('no frames in ' + state.folder + ': extract frames from its video first'); return; }
    await flush();
    state.index = Math.max(0, Math.min(state.images.length - 1, i));
    const image = state.images[state.index];
    const r = await api('GET', '/api/frame/' + enc(state.folder) + '/' + enc(image));
    if (r.status !== 200) { status('cannot load ' + image + ': ' + r.data, 'error'); return; }
    state.frame = r.data;
    history.replaceState(null, '', '#' + enc(state.folder + '/' + image));
    const img = new Image();
    await new Promise((ok, bad) => { img.onload = ok; img.onerror = bad; img.src = '/image/' + enc(state.folder) + '/' + enc(image); })
      .catch(() => status('cannot load the image ' + image, 'error'));
    if (state.frame.image !== image) return; // a newer frame was opened meanwhile
    const first = !state.img;
    state.img = img;
    if (first) fit();
    const ks = kps();
    const missing = ks.findIndex((k) => !state.frame.points[k.id]);
    state.current = missing >= 0 ? missing : 0;
    renderFrames(); renderParts(); draw();
    if (!state.saving) status('frame ' + (state.index + 1) + ' of ' + state.images.length);
  }

  // ----- saving: every change goes to the server at once; the server writes the file within a second -----
  async function save() {
    if (state.saving) { state.pending = true; return; }
    state.saving = true;
    status('saving…');
    const f = state.frame;
    const r = await api('PUT', '/api/frame/' + enc(state.folder) + '/' + enc(f.image), { version: f.version, points: f.points })
      .catch((e) => ({ status: 0, data: String(e) }));
    state.saving = false;
    if (r.status === 200) {
      if (state.frame && state.frame.image === r.data.image) state.frame.version = r.data.version;
      state.placed[r.data.image] = Object.values(r.data.points).filter((p) => p).length;
      renderFrames();
      status('saved', '');
    } else if (r.status === 409) {
      if (state.frame && state.frame.image === r.data.image) state.frame = r.data;
      state.placed[r.data.image] = Object.values(r.data.points).filter((p) => p).length;
      state.undo = []; state.redo = [];
      renderFrames(); renderParts(); draw();
      status('conflict: this frame was changed elsewhere (another tab?); showing that version — redo your change', 'conflict');
      state.pending = false;
      return;
    } else {
      status('NOT SAVED: ' + r.data + ' — retrying', 'error');
      setTimeout(save, 1000);
      return;
    }
    if (state.pending) { state.pending = false; await save(); }
  }
  async function flush() {
    while (state.saving) await new Promise((ok) => setTimeout(ok, 20));
  }

  function change(id, value) {
    const before = state.frame.points[id];
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    state.undo.push({ image: state.frame.image, id, before, after: value });
    state.redo = [];
    state.frame.points[id] = value;
    save(); renderParts(); draw();
  }
  function changeMany(values) {
    const ids = Object.keys(values).filter((id) => JSON.stringify(state.frame.points[id]) !== JSON.stringify(values[id]));
    if (!ids.length) return;
    const before = Object.fromEntries(ids.map((id) => [id, state.frame.points[id]]));
    const after = Object.fromEntries(ids.map((id) => [id, values[id]]));
    state.undo.push({ image: state.frame.image, many: true, before, after });
    state.redo = [];
    Object.assign(state.frame.points, after);
    save(); renderParts(); draw();
  }
  function acceptSuggestions() {
    const sug = state.frame.suggestions || {};
    const values = {};
    for (const [id, v] of Object.entries(sug)) if (!state.frame.points[id]) values[id] = [v[0], v[1]];
    changeMany(values);
  }
  function undoRedo(from, to, key) {
    const u = from.pop();
    if (!u || !state.frame || u.image !== state.frame.image) { if (u) from.push(u); return; }
    to.push(u);
    if (u.many) Object.assign(state.frame.points, u[key]); else state.frame.points[u.id] = u[key];
    save(); renderParts(); draw();
  }

  // ----- drawing -----
  function fit() {
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (!state.img || !w || !h) return;
    const s = Math.min(w / state.img.naturalWidth, h / state.img.naturalHeight);
    state.view = { scale: s, ox: (w - state.img.naturalWidth * s) / 2, oy: (h - state.img.naturalHeight * s) / 2 };
  }
  const toCanvas = (x, y) => [x * state.view.scale + state.view.ox, y * state.view.scale + state.view.oy];
  const toImage = (cx, cy) => [(cx - state.view.ox) / state.view.scale, (cy - state.view.oy) / state.view.scale];

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#111'; ctx.fillRect(0, 0, w, h);
    if (!state.img || !state.frame) return;
    ctx.imageSmoothingEnabled = state.view.scale < 2;
    ctx.drawImage(state.img, state.view.ox, state.view.oy, state.img.naturalWidth * state.view.scale, state.img.naturalHeight * state.view.scale);
    const pts = state.frame.points;
    ctx.lineWidth = 1.5;
    const individuals = [...new Set(state.project.keypoints.map((k) => k.individual))];
    for (const ind of individuals) {
      for (const [a, b] of state.project.skeleton) {
        const ka = state.project.keypoints.find((k) => k.individual === ind && k.bodypart === a);
        const kb = state.project.keypoints.find((k) => k.individual === ind && k.bodypart === b);
        if (!ka || !kb || !pts[ka.id] || !pts[kb.id]) continue;
        const [x1, y1] = toCanvas(...pts[ka.id]); const [x2, y2] = toCanvas(...pts[kb.id]);
        ctx.strokeStyle = 'rgba(255,255,255,0.7)';
        ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
      }
    }
    const r = Math.max(3, Math.min(12, (state.project.dotsize || 6) * 0.6));
    const cur = kps()[state.current];
    // the model's suggestions (refinement): hollow dashed rings until accepted or moved
    ctx.setLineDash([3, 3]);
    for (const [id, v] of Object.entries(state.frame.suggestions || {})) {
      if (pts[id]) continue;
      const k = kpById(id);
      if (!k) continue;
      const [cx, cy] = toCanvas(v[0], v[1]);
      ctx.strokeStyle = k.color; ctx.lineWidth = 2;
      ctx.beginPath(); ctx.arc(cx, cy, r + 1, 0, 2 * Math.PI); ctx.stroke();
    }
    ctx.setLineDash([]);
    for (const k of state.project.keypoints) {
      const p = pts[k.id];
      if (!p) continue;
      const [cx, cy] = toCanvas(...p);
      ctx.fillStyle = k.color;
      ctx.globalAlpha = (!state.project.multiAnimal || k.individual === state.individual) ? 1 : 0.45;
      ctx.beginPath(); ctx.arc(cx, cy, r, 0, 2 * Math.PI); ctx.fill();
      ctx.strokeStyle = cur && k.id === cur.id ? '#fff' : '#000';
      ctx.lineWidth = cur && k.id === cur.id ? 2.5 : 1;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
  }

  function renderFrames() {
    const ol = $('frames');
    ol.textContent = '';
    const all = state.project.keypoints.length;
    let full = 0;
    state.images.forEach((img, i) => {
      const li = document.createElement('li');
      const n = state.placed[img] || 0;
      if (n === all) full++;
      li.className = (i === state.index ? 'current ' : '') + (n === all ? 'full' : '');
      li.innerHTML = '<span class="name"></span><span class="n"></span>';
      li.querySelector('.name').textContent = img + (state.suggested && state.suggested[img] ? ' ◌' : '');
      li.querySelector('.n').textContent = n + '/' + all;
      li.onclick = () => openFrame(i);
      ol.appendChild(li);
      if (i === state.index) li.scrollIntoView({ block: 'nearest' });
    });
    $('counter').textContent = 'labelled ' + full + ' / ' + state.images.length;
  }

  function renderParts() {
    const ol = $('bodyparts');
    ol.textContent = '';
    kps().forEach((k, i) => {
      const li = document.createElement('li');
      const p = state.frame && state.frame.points[k.id];
      li.className = (i === state.current ? 'current ' : '') + (p ? '' : 'missing');
      li.innerHTML = '<span class="dot"></span><span class="name"></span><span class="xy"></span>';
      li.querySelector('.dot').style.background = k.color;
      li.querySelector('.name').textContent = k.bodypart;
      const sg = !p && state.frame && state.frame.suggestions && state.frame.suggestions[k.id];
      li.querySelector('.xy').textContent = p ? '(' + p[0].toFixed(1) + ', ' + p[1].toFixed(1) + ')'
        : sg ? 'suggested' + (sg[2] == null ? '' : ', p=' + sg[2].toFixed(2)) : '—';
      li.onclick = () => { state.current = i; renderParts(); draw(); };
      ol.appendChild(li);
    });
  }

  // ----- mouse -----
  let press = null; // {x, y, id (dragged point) | null, moved, ox, oy}
  const pos = (e) => { const b = canvas.getBoundingClientRect(); return [e.clientX - b.left, e.clientY - b.top]; };
  function hit(cx, cy) {
    let best = null, bestD = 10;
    for (const k of state.project.keypoints) {
      const sg = state.frame.suggestions && state.frame.suggestions[k.id];
      const p = state.frame.points[k.id] || (sg ? [sg[0], sg[1]] : null);
      if (!p) continue;
      const [x, y] = toCanvas(...p);
      const d = Math.hypot(x - cx, y - cy);
      if (d < bestD && (!state.project.multiAnimal || k.individual === state.individual)) { best = k.id; bestD = d; }
    }
    return best;
  }
  canvas.addEventListener('mousedown', (e) => {
    if (!state.frame || e.button !== 0) return;
    canvas.focus();
    const [cx, cy] = pos(e);
    const id = hit(cx, cy);
    press = { x: cx, y: cy, id, moved: false, ox: state.view.ox, oy: state.view.oy, start: id ? (state.frame.points[id] || null) : null };
  });
  window.addEventListener('mousemove', (e) => {
    if (!press) return;
    const [cx, cy] = pos(e);
    if (Math.hypot(cx - press.x, cy - press.y) > 3) press.moved = true;
    if (!press.moved) return;
    if (press.id) {
      state.frame.points[press.id] = toImage(cx, cy);
    } else {
      state.view.ox = press.ox + cx - press.x; state.view.oy = press.oy + cy - press.y;
    }
    draw();
  });
  window.addEventListener('mouseup', (e) => {
    if (!press) return;
    const p = press; press = null;
    const [cx, cy] = pos(e);
    if (p.id && p.moved) {
      const to = toImage(cx, cy);
      state.frame.points[p.id] = p.start;
      change(p.id, to);
      const i = kps().findIndex((k) => k.id === p.id);
      if (i >= 0) state.current = i;
      renderParts();
    } else if (!p.moved) {
      const [x, y] = toImage(cx, cy);
      if (x < 0 || y < 0 || x > state.img.naturalWidth || y > state.img.naturalHeight) return;
      const k = kps()[state.current];
      if (!k) return;
      change(k.id, [x, y]);
      state.current = Math.min(kps().length - 1, state.current + 1);
      renderParts(); draw();
    }
  });
  canvas.addEventListener('contextmenu', (e) => {
    e.preventDefault();
    if (!state.frame) return;
    const id = hit(...pos(e));
    if (id) change(id, null);
  });
  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    const [cx, cy] = pos(e);
    const [x, y] = toImage(cx, cy);
    const f = Math.exp(-e.deltaY * 0.0015);
    state.view.scale = Math.max(0.05, Math.min(40, state.view.scale * f));
    state.view.ox = cx - x * state.view.scale; state.view.oy = cy - y * state.view.scale;
    draw();
  }, { passive: false });

  // ----- keyboard -----
  window.addEventListener('keydown', (e) => {
    if (!state.frame || e.target.tagName === 'SELECT') return;
    const n = kps().length;
    const k = e.key;
    if ((e.ctrlKey || e.metaKey) && (k === 'z' || k === 'Z')) { e.preventDefault(); e.shiftKey ? undoRedo(state.redo, state.undo, 'after') : undoRedo(state.undo, state.redo, 'before'); return; }
    if ((e.ctrlKey || e.metaKey) && (k === 'y' || k === 'Y')) { e.preventDefault(); undoRedo(state.redo, state.undo, 'after'); return; }
    if (k === 'ArrowRight' || k === 'n') { e.preventDefault(); openFrame(state.index + 1); }
    else if (k === 'ArrowLeft' || k === 'p') { e.preventDefault(); openFrame(state.index - 1); }
    else if (k === 'ArrowDown' || (k === 'Tab' && !e.shiftKey)) { e.preventDefault(); state.current = (state.current + 1) % n; renderParts(); draw(); }
    else if (k === 'ArrowUp' || (k === 'Tab' && e.shiftKey)) { e.preventDefault(); state.current = (state.current + n - 1) % n; renderParts(); draw(); }
    else if (k === 'Delete' || k === 'Backspace') { e.preventDefault(); const kp = kps()[state.current]; if (kp) change(kp.id, null); }
    else if (k === '0') { fit(); draw(); }
    else if (k === 'a') { e.preventDefault(); acceptSuggestions(); }
  });
  window.addEventListener('resize', () => { fit(); draw(); });
  window.addEventListener('beforeunload', (e) => { if (state.saving || state.pending) { e.preventDefault(); e.returnValue = ''; } });

  init().catch((e) => status('error: ' + e, 'error'));
})();
