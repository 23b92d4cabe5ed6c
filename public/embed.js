// Embeds kubeplay in a course page: put
//   <div class="kubeplay-embed" style="height: 560px"></div>
//   <script src="path/to/kubeplay/embed.js"></script>
// anywhere in the page. Each such element gets an iframe running this site's index.html
// (found next to this script, so any sub-path works). The frame keeps kubeplay's keyboard
// handling away from the course page; the element's own size decides the layout (a narrow
// column stacks the cluster view over the console). From the page, frame.contentWindow.kubeplay
// is the same API as window.kubeplay inside (same origin only).
(function () {
  'use strict';
  const script = document.currentScript;
  const src = new URL('index.html', script ? script.src : document.baseURI).href;
  function mount(el) {
    if (el.dataset.kubeplayMounted) return;
    el.dataset.kubeplayMounted = '1';
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = el.getAttribute('aria-label') || 'kubeplay: a Kubernetes cluster in your browser';
    frame.loading = 'lazy';
    frame.allow = 'clipboard-read; clipboard-write';
    frame.style.cssText = 'display:block;width:100%;height:100%;min-height:360px;border:0;border-radius:10px;background:#0b0f15';
    el.appendChild(frame);
  }
  function mountAll() {
    document.querySelectorAll('.kubeplay-embed').forEach(mount);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
