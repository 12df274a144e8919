// The review thread polls itself (hx-trigger on [data-thread-poll]) and is redrawn when a
// comment, a reply or a verdict arrives. A redraw replaces the forms too, so skip it while
// the reader is writing: a field in the thread has focus, was changed, or a reply box is open.
(function () {
  "use strict";

  function changed(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    return field.value !== field.defaultValue;
  }

  function busy(thread) {
    var active = document.activeElement;
    if (active && thread.contains(active) && active.matches("textarea, input, select")) {
      return true;
    }
    if (thread.querySelector("details.reply-box[open]")) {
      return true;
    }
    var fields = thread.querySelectorAll("textarea, input:not([type=hidden]), select");
    return Array.prototype.some.call(fields, changed);
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var poll = event.detail.elt;
    if (!poll.matches || !poll.matches("[data-thread-poll]")) {
      return;
    }
    var thread = document.getElementById("thread");
    if (thread && busy(thread)) {
      event.preventDefault();
    }
  });
})();
