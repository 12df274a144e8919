// The site-wide shell, progressive enhancement only: without this file every link and the
// account menu still work.
// - A link focused in the header's sideways-scrolling strip (phones) is scrolled fully into
//   view: Chromium leaves a partly visible element where it is.
// - The account menu (<details>) closes on Escape, and when focus or a click goes elsewhere.
// - A `data-print` button prints the page (no inline onclick: the CSP allows no inline script).
(function () {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
  const strip = document.querySelector(".nav-links");
  if (strip) {
    strip.addEventListener("focusin", (event) => {
      event.target.scrollIntoView({ block: "nearest", inline: "nearest" });
    });
  }
  const menu = document.querySelector(".account-menu");
  if (!menu) return;
  const close = (returnFocus) => {
    if (!menu.open) return;
    menu.open = false;
    if (returnFocus) menu.querySelector("summary").focus();
  };
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close(true);
  });
  document.addEventListener("click", (event) => {
    if (!menu.contains(event.target)) close(false);
  });
  menu.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !menu.contains(event.relatedTarget)) close(false);
  });
})();
