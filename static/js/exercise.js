// The exercise page's behaviour around htmx (no inline script: a CSP comes later).
//
// Focus: htmx disables the button that sent a form while the request runs (hx-disabled-elt),
// and a disabled button loses focus to <body>; a keyboard or screen-reader user would be
// thrown back to the top of the page. Once htmx has enabled it again, focus goes back to it.
(function () {
  "use strict";
  const focusedWhenSent = new WeakMap();

  document.addEventListener("htmx:beforeRequest", (event) => {
    const active = document.activeElement;
    if (active && active.matches("button, input[type=submit]")) {
      focusedWhenSent.set(event.detail.elt, active);
    }
  });

  document.addEventListener("htmx:afterRequest", (event) => {
    const button = focusedWhenSent.get(event.detail.elt);
    focusedWhenSent.delete(event.detail.elt);
    const lost = !document.activeElement || document.activeElement === document.body;
    if (button && lost && button.isConnected && !button.disabled) {
      button.focus({ preventScroll: true });
    }
  });
})();
