// khuyenhoc serve: reloads the page after a rebuild and shows build errors
// as an overlay. Injected by `khuyenhoc serve` only; never part of a build.
(function () {
  "use strict";
  // The build the page comes from: a rebuild made before the events
  // below are connected still reloads it.
  var me = document.currentScript;
  var first = me && me.dataset.version ? Number(me.dataset.version) : null;
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "khuyenhoc-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);color:#fff;padding:1.5rem;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("p");
    h.style.cssText = "font:bold 16px system-ui,sans-serif;color:#ff8a80";
    h.textContent = "Lỗi khi dựng trang (khuyenhoc build failed) — trang cũ vẫn hiển thị phía sau. Sửa lỗi và lưu lại:";
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.textContent = text;
    overlay.appendChild(h);
    overlay.appendChild(pre);
  }
  var es = new EventSource("/__khuyenhoc/events");
  es.onmessage = function (e) {
    var m = JSON.parse(e.data);
    if (m.error) { show(m.error); first = m.version; return; }
    if (first === null) { first = m.version; return; }
    if (m.version !== first) { location.reload(); }
  };
})();
