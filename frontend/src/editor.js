// Progressive enhancement of the exercise page's <textarea name="code">: CodeMirror 6 with
// Python highlighting, line numbers and indentation, Ctrl/Cmd-Enter to submit, "reset to
// starter", and drafts autosaved to the server. Without this script the textarea still
// works, and "Save draft" still posts. Built into static/vendor/editor.js by `npm run build`.
import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { indentWithTab } from "@codemirror/commands";
import { indentUnit } from "@codemirror/language";
import { Compartment, Prec } from "@codemirror/state";
import { python } from "@codemirror/lang-python";
import { oneDarkTheme } from "@codemirror/theme-one-dark";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

const SAVE_DELAY_MS = 800;

// The site follows prefers-color-scheme; so does the editor: One Dark (its own highlight
// colours, made for a dark background) while the scheme is dark, the light default otherwise.
const darkScheme = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
// One Dark's palette with its coral and violet lightened: on its background (and the active
// line's) they measured 4.38:1 and 4.43:1, under the 4.5:1 that small text needs.
const darkHighlight = HighlightStyle.define([
  { tag: t.keyword, color: "#d49ae6" },
  { tag: [t.name, t.deleted, t.character, t.propertyName, t.macroName], color: "#ef959c" },
  { tag: [t.function(t.variableName), t.labelName], color: "#61afef" },
  { tag: [t.color, t.constant(t.name), t.standard(t.name)], color: "#d19a66" },
  { tag: [t.definition(t.name), t.separator], color: "#abb2bf" },
  { tag: [t.typeName, t.className, t.number, t.changed, t.annotation, t.modifier, t.self, t.namespace], color: "#e5c07b" },
  { tag: [t.operator, t.operatorKeyword, t.url, t.escape, t.regexp, t.special(t.string)], color: "#56b6c2" },
  { tag: [t.meta, t.comment], color: "#9da5b4" },
  { tag: t.strong, fontWeight: "bold" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.strikethrough, textDecoration: "line-through" },
  { tag: t.link, color: "#9da5b4", textDecoration: "underline" },
  { tag: t.heading, fontWeight: "bold", color: "#ef959c" },
  { tag: [t.atom, t.bool, t.special(t.variableName)], color: "#d19a66" },
  { tag: [t.processingInstruction, t.string, t.inserted], color: "#98c379" },
  { tag: t.invalid, color: "#ffffff" },
]);
const darkTheme = [oneDarkTheme, syntaxHighlighting(darkHighlight)];
const schemeTheme = () => (darkScheme && darkScheme.matches ? darkTheme : []);

function csrfToken(form) {
  const input = form.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function enhance(textarea) {
  const form = textarea.form;
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const status = form.querySelector("[data-draft-status]");
  const draftUrl = form.dataset.draftUrl;
  const starterNode = document.getElementById("starter-code");
  const starter = starterNode ? JSON.parse(starterNode.textContent) : "";
  let timer = null;
  let saved = textarea.value;

  const say = (text) => { if (status) status.textContent = text; };

  async function save() {
    timer = null;
    const code = view.state.doc.toString();
    if (!draftUrl || code === saved) return;
    const body = new FormData();
    body.append("code", code);
    say("Saving draft…");
    try {
      const response = await fetch(draftUrl, {
        method: "POST", body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form), Accept: "application/json" },
      });
      // A refusal is JSON too: the view's {message} or, for a body over the size limit,
      // config/request_limits.py's problem+json {detail}, both sentences saying the figures.
      const data = await response.json().catch(() => ({}));
      if (response.ok && data.saved) {
        saved = code;
        say("Draft saved.");
      } else {
        say(data.message || data.detail || `Draft not saved (the server answered ${response.status}).`);
      }
    } catch (err) {
      say("Draft not saved (offline?). It will be retried on your next change.");
    }
  }

  function flush() {
    // Leaving the page: send what is pending even if the page is being torn down.
    const code = view.state.doc.toString();
    if (!draftUrl || code === saved) return;
    const body = new FormData();
    body.append("code", code);
    body.append("csrfmiddlewaretoken", csrfToken(form));
    navigator.sendBeacon(draftUrl, body);
    saved = code;
  }

  function submit() {
    textarea.value = view.state.doc.toString();
    form.requestSubmit();
    return true;
  }

  const theme = new Compartment();
  // The CSP admits an inline <style> only with the page's nonce, and CodeMirror mounts its
  // styles in one (exercise.html puts the nonce in a meta tag).
  const nonce = document.querySelector('meta[name="csp-nonce"]')?.content;
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      nonce ? EditorView.cspNonce.of(nonce) : [],
      basicSetup,
      python(),
      theme.of(schemeTheme()),
      indentUnit.of("    "),
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: submit }])),
      keymap.of([indentWithTab]),
      // CodeMirror owns the class attribute of view.dom and rewrites it (on focus, first of
      // all): a class added with classList would vanish, and with it the border, focus ring,
      // font and height cap of .code-editor. editorAttributes is how CodeMirror keeps one.
      EditorView.editorAttributes.of({ class: "code-editor" }),
      EditorView.contentAttributes.of({ "aria-labelledby": label ? label.id || (label.id = "code-label") : "" }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        textarea.value = update.state.doc.toString();
        say("Unsaved changes…");
        clearTimeout(timer);
        timer = setTimeout(save, SAVE_DELAY_MS);
      }),
    ],
  });
  textarea.hidden = true;
  textarea.removeAttribute("id"); // the label now names the editor, not the hidden textarea
  if (label) label.removeAttribute("for");
  textarea.after(view.dom);
  if (darkScheme) {
    darkScheme.addEventListener("change", () => view.dispatch({ effects: theme.reconfigure(schemeTheme()) }));
  }
  form.addEventListener("submit", () => { textarea.value = view.state.doc.toString(); }, true);
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flush(); });

  const reset = form.querySelector("[data-reset-starter]");
  if (reset) {
    reset.hidden = false;
    reset.addEventListener("click", () => {
      if (!window.confirm("Replace your code with the starter code? Your previous attempts stay saved.")) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: starter } });
      view.focus();
    });
  }
  const keys = form.querySelector(".editor-keys");
  if (keys) keys.hidden = false;
  window.backpropEditor = view; // for tests and the console
}

document.querySelectorAll("textarea.code-input").forEach(enhance);
