/*
 * Keep the Bridge: a small stand-in for Web Workers on file:// pages.
 *
 * Browsers refuse to start a Web Worker from a page opened straight from
 * disk, which would leave the handbook's search dead when someone opens the
 * downloaded site. Material for MkDocs runs its search in a worker; here the
 * worker script runs in a hidden, same-origin iframe instead, and messages
 * are passed as events. Served from the site itself: no CDN, no inline code.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof EventTarget !== "function") {
    return;
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      const frame = document.createElement("iframe");
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.setAttribute("aria-hidden", "true");
      frame.title = "Search engine";
      document.body.appendChild(frame);
      this.frame = frame;

      const inner = frame.contentWindow;
      const deliver = (data) => this.deliver(data);
      // What the worker posts lands here, as if it came from a real worker.
      inner.postMessage = function (data) {
        deliver(data);
      };
      // Extra language packs load one after another, in order.
      inner.importScripts = function () {
        for (const src of arguments) {
          const extra = inner.document.createElement("script");
          extra.src = new URL(src, location.href).href;
          extra.async = false;
          inner.document.head.appendChild(extra);
        }
      };
      this.ready = new Promise((resolve, reject) => {
        const script = inner.document.createElement("script");
        script.src = new URL(url, location.href).href;
        script.onload = resolve;
        script.onerror = reject;
        inner.document.head.appendChild(script);
      });
    }

    deliver(data) {
      const event = new MessageEvent("message", { data: data });
      this.dispatchEvent(event);
      if (typeof this.onmessage === "function") {
        this.onmessage(event);
      }
    }

    postMessage(data) {
      this.ready.then(
        () => {
          const copy = structuredClone(data);
          this.frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: copy }));
        },
        (error) => {
          const event = new ErrorEvent("error", { message: "search could not start", error: error });
          this.dispatchEvent(event);
          if (typeof this.onerror === "function") {
            this.onerror(event);
          }
        }
      );
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
