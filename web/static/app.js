// vanban: the little script the pages use. Everything works without it;
// it adds search as you type and uploads with progress.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.content : '';

  // "/" focuses the search box, as on most sites; elsewhere than the
  // search page it opens it. Typing in a field is left alone.
  document.addEventListener('keydown', function (ev) {
    if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    ev.preventDefault();
    var q = document.getElementById('q');
    if (q) { q.focus(); q.select(); } else { location.href = '/tim-kiem'; }
  });

  // Search as you type: fetch the server-rendered results block (the
  // server escapes every text in it) after a pause in typing.
  var form = document.getElementById('search-form');
  if (form) {
    var results = document.getElementById('results');
    var timer = null, ctrl = null, last = '';
    var dateOK = /^(\s*|\d{1,2}[\/.-]\d{1,2}[\/.-]\d{4}|\d{4}-\d{2}-\d{2})$/;
    var run = function () {
      // A date still being typed ("31/1") would only show an error.
      var dates = form.querySelectorAll('input.date');
      for (var i = 0; i < dates.length; i++) {
        if (!dateOK.test(dates[i].value)) return;
      }
      var params = new URLSearchParams(new FormData(form)).toString();
      if (params === last) return;
      last = params;
      if (ctrl) ctrl.abort();
      ctrl = new AbortController();
      fetch('/tim-kiem/ket-qua?' + params, { signal: ctrl.signal, credentials: 'same-origin' })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          results.innerHTML = html;
          history.replaceState(null, '', '/tim-kiem?' + params);
        })
        .catch(function () {});
    };
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
  }

  // The upload page's lists (Mới nhập, Tệp lỗi) refresh by themselves
  // every few seconds: files dropped straight into the watched folder
  // show there too, and a new failure raises a notice.
  var lists = document.getElementById('upload-lists');
  if (lists) {
    var notice = document.getElementById('upload-notice');
    var failureOf = function () {
      var d = lists.querySelector('.upload-lists');
      return d ? { id: d.dataset.failure, name: d.dataset.failureName } : { id: '', name: '' };
    };
    var lastFailure = failureOf().id;
    var refresh = function () {
      fetch('/tai-len/danh-sach', { credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
        .then(function (html) {
          lists.innerHTML = html;
          var f = failureOf();
          if (f.id && f.id !== lastFailure) {
            notice.textContent = 'Có tệp không nhập được: ' + (f.name || 'không rõ tên') + '. Xem lý do ở mục Tệp lỗi.';
            notice.hidden = false;
          }
          lastFailure = f.id;
        })
        .catch(function () {})
        .then(function () { setTimeout(refresh, +lists.dataset.every || 4000); });
    };
    setTimeout(refresh, +lists.dataset.every || 4000);
  }

  // Upload: one request per file so each shows its own progress, then
  // poll until the watcher has ingested it (or failed to).
  var drop = document.getElementById('drop');
  if (drop) {
    var input = document.getElementById('file-input');
    var list = document.getElementById('upload-list');
    var maxBytes = (+drop.dataset.max || 50) * 1024 * 1024;
    ['dragenter', 'dragover'].forEach(function (e) {
      drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.add('over'); });
    });
    ['dragleave', 'drop'].forEach(function (e) {
      drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.remove('over'); });
    });
    drop.addEventListener('drop', function (ev) { send(ev.dataTransfer.files); });
    input.addEventListener('change', function () { send(input.files); input.value = ''; });

    var send = function (files) {
      for (var i = 0; i < files.length; i++) upload(files[i]);
    };
    var row = function (name) {
      var li = document.createElement('li');
      li.className = 'upload';
      li.dataset.state = 'sending';
      var n = document.createElement('span');
      n.className = 'name';
      n.textContent = name;
      var bar = document.createElement('progress');
      bar.max = 100;
      bar.value = 0;
      var st = document.createElement('span');
      st.className = 'status';
      st.textContent = 'Đang tải lên…';
      li.append(n, bar, st);
      list.prepend(li);
      return { li: li, name: n, bar: bar, status: st };
    };
    var setStatus = function (r, state, text, docId) {
      r.li.dataset.state = state;
      r.status.textContent = text;
      if (docId) {
        var a = document.createElement('a');
        a.href = '/van-ban/' + docId;
        a.textContent = 'Xem văn bản';
        r.status.append(' — ', a);
      }
    };
    var upload = function (f) {
      var r = row(f.name);
      if (!/\.(pdf|docx)$/i.test(f.name)) { setStatus(r, 'error', 'Chỉ nhận tệp PDF (.pdf) hoặc Word (.docx).'); return; }
      if (f.size > maxBytes) { setStatus(r, 'error', 'Tệp lớn quá giới hạn.'); return; }
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/uploads');
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) r.bar.value = e.loaded / e.total * 100; };
      xhr.onload = function () {
        var body;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
        if (xhr.status !== 200) { setStatus(r, 'error', body.error || ('Lỗi ' + xhr.status)); return; }
        var res = body.files[0];
        if (res.error) { setStatus(r, 'error', res.error); return; }
        r.bar.value = 100;
        if (res.saved !== f.name) r.name.textContent = f.name + ' → ' + res.saved;
        setStatus(r, 'pending', 'Đã tải lên; đang chờ nhập…');
        poll(r, res.saved);
      };
      xhr.onerror = function () { setStatus(r, 'error', 'Mất kết nối tới máy chủ.'); };
      var fd = new FormData();
      fd.append('file', f, f.name);
      xhr.send(fd);
    };
    var poll = function (r, saved) {
      var tries = 0;
      var tick = function () {
        fetch('/api/uploads?name=' + encodeURIComponent(saved), { credentials: 'same-origin' })
          .then(function (x) { return x.json(); })
          .then(function (b) {
            var s = b.files[0];
            if (s.state === 'pending') {
              if (++tries < 900) setTimeout(tick, tries < 20 ? 500 : 2000);
              else setStatus(r, 'error', 'Quá lâu chưa được nhập; xem lại trang Văn bản sau.');
              return;
            }
            if (s.state === 'failed') setStatus(r, 'error', 'Lỗi: ' + (s.reason || 'không đọc được tệp.'));
            else setStatus(r, 'done', s.label, s.doc_id);
          })
          .catch(function () { setTimeout(tick, 2000); });
      };
      setTimeout(tick, 300);
    };
  }
})();
