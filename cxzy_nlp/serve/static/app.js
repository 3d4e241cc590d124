// The upload page: drop or pick files, folders and .zip archives; one request per file with its own progress.
"use strict";
(function () {
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }
  function entryFiles(entry, prefix, out) {
    // walk a dropped folder (FileSystemEntry API); resolves when every file is collected
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (f) { out.push({file: f, path: prefix + f.name}); resolve(); }, function () { resolve(); });
      } else if (entry.isDirectory) {
        var reader = entry.createReader(), all = [];
        (function more() {
          reader.readEntries(function (batch) {
            if (!batch.length) {
              Promise.all(all.map(function (e) { return entryFiles(e, prefix + entry.name + "/", out); })).then(resolve);
            } else { all = all.concat(Array.prototype.slice.call(batch)); more(); }
          }, function () { resolve(); });
        })();
      } else { resolve(); }
    });
  }
  function row(item) {
    var table = document.getElementById("progress");
    table.hidden = false;
    var tr = document.createElement("tr");
    var name = document.createElement("td");
    name.textContent = item.path;
    var bar = document.createElement("td");
    var p = document.createElement("progress");
    p.max = 100; p.value = 0;
    bar.appendChild(p);
    var result = document.createElement("td");
    result.className = "result";
    result.textContent = "等待上传";
    tr.appendChild(name); tr.appendChild(bar); tr.appendChild(result);
    table.tBodies[0].appendChild(tr);
    return {bar: p, result: result, tr: tr};
  }
  function send(item, ui) {
    return new Promise(function (resolve) {
      var form = new FormData();
      form.append("file", item.file, item.file.name);
      form.append("relpath", item.path);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/upload");
      xhr.setRequestHeader("X-CSRF-Token", csrf());
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { ui.bar.value = Math.round(e.loaded * 100 / e.total); }
        ui.result.textContent = "上传中";
      };
      xhr.upload.onload = function () { ui.bar.value = 100; ui.result.textContent = "检查中…"; };
      xhr.onload = function () {
        var data = null;
        try { data = JSON.parse(xhr.responseText); } catch (err) { data = null; }
        ui.result.textContent = "";
        if (xhr.status === 200 && data) {
          (data.documents || []).forEach(function (d) {
            var a = document.createElement("a");
            a.href = "/documents/" + d.id;
            var c = d.counts || {};
            a.textContent = (d.status === "failed" ? "未能读取" : "已检查") + "：错误 " + (c.error || 0) + "，警告 " + (c.warn || 0) + "，提示 " + (c.info || 0);
            a.className = "checked";
            ui.result.appendChild(a);
            ui.result.appendChild(document.createTextNode(" "));
          });
          if (!(data.documents || []).length) { ui.result.textContent = "已收到（部门清单）"; }
          ui.tr.dataset.state = "done";
        } else {
          var msg = data && (data.error || (data.rejected && data.rejected.length && data.rejected[0].message));
          ui.result.textContent = "失败：" + (msg || ("HTTP " + xhr.status));
          ui.tr.dataset.state = "failed";
        }
        resolve();
      };
      xhr.onerror = function () { ui.result.textContent = "失败：网络错误"; ui.tr.dataset.state = "failed"; resolve(); };
      xhr.send(form);
    });
  }
  function uploadAll(items) {
    // manifests first, so departments are known when the plans arrive; then one file at a time
    items.sort(function (a, b) { return (/\.csv$/i.test(b.path) ? 1 : 0) - (/\.csv$/i.test(a.path) ? 1 : 0); });
    var uis = items.map(row);
    var done = document.getElementById("upload-done");
    done.hidden = true;
    var chain = Promise.resolve();
    items.forEach(function (item, i) { chain = chain.then(function () { return send(item, uis[i]); }); });
    chain.then(function () { done.hidden = false; });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var drop = document.getElementById("drop");
    if (!drop) { return; }
    ["dragenter", "dragover"].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      drop.classList.remove("over");
      var out = [], waits = [];
      var items = e.dataTransfer.items;
      for (var i = 0; items && i < items.length; i++) {
        var entry = items[i].webkitGetAsEntry ? items[i].webkitGetAsEntry() : null;
        if (entry) { waits.push(entryFiles(entry, "", out)); }
      }
      if (!waits.length) {
        Array.prototype.forEach.call(e.dataTransfer.files, function (f) { out.push({file: f, path: f.name}); });
      }
      Promise.all(waits).then(function () { uploadAll(out); });
    });
    function picked(input) {
      input.addEventListener("change", function () {
        var out = Array.prototype.map.call(input.files, function (f) { return {file: f, path: f.webkitRelativePath || f.name}; });
        uploadAll(out);
        input.value = "";
      });
    }
    picked(document.getElementById("pick-files"));
    picked(document.getElementById("pick-folder"));
  });
})();
