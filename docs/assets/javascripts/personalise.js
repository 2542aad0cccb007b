/*
 * Keep the Bridge: the blanks form and the buttons on each message, and the library's "Your details" panel.
 *
 * - Each written message has its own small form, asking only for the blanks it uses;
 *   "N blanks still empty" opens it at the first empty one, and so does tapping a blank.
 *   What you type fills every blank on the page, as you type.
 * - Your details live in sessionStorage (this tab, until it closes); only if you
 *   tick "Remember on this device" are they also kept in localStorage.
 *   "Forget my details" clears both. Nothing is ever sent anywhere.
 * - Written messages get Copy message (the body alone: what you paste), Copy subject,
 *   and Open in email (mailto:, with the recipient when one is typed) or Open in
 *   messages (sms:). Phone and voicemail scripts stay talking points.
 * - A link to a message or a timing inside a closed tab opens that tab.
 *
 * User input reaches the page only through textContent, input.value and
 * percent-encoded link addresses; never through innerHTML.
 */
(function () {
  "use strict";

  /* Interface words in the page's language, from data-ktb-words (ktb-message.js reads them). */
  const wordsHolder = document.querySelector("[data-ktb-words]");
  const word = window.KTBMessage.wordsFrom(wordsHolder && wordsHolder.getAttribute("data-ktb-words"));

  const Message = window.KTBMessage;
  if (!Message) {
    return;
  }

  const STORE_KEY = "ktb.details";
  const FIELD_ID = /^[a-z][a-z0-9_]*$/;
  const MAX_LENGTH = 200;
  const WRITTEN = { email: "mailto", text: "sms", linkedin: null };

  let values = Object.create(null);
  let remember = false;

  /* ---- Storage ----------------------------------------------------------- */

  function storage(kind) {
    try {
      return window[kind];
    } catch (error) {
      return null; // storage blocked by the browser's settings
    }
  }

  /** Stored details, keeping only plain strings under known-looking keys. */
  function readStore(kind) {
    const store = storage(kind);
    if (!store) {
      return null;
    }
    try {
      const data = JSON.parse(store.getItem(STORE_KEY) || "null");
      if (!data || typeof data !== "object" || Array.isArray(data)) {
        return null;
      }
      const clean = Object.create(null);
      for (const key of Object.keys(data)) {
        if (FIELD_ID.test(key) && typeof data[key] === "string" && data[key]) {
          clean[key] = data[key].slice(0, MAX_LENGTH);
        }
      }
      return clean;
    } catch (error) {
      return null;
    }
  }

  function writeStore(kind, data) {
    const store = storage(kind);
    if (!store) {
      return;
    }
    try {
      if (data && Object.keys(data).length) {
        store.setItem(STORE_KEY, JSON.stringify(data));
      } else {
        store.removeItem(STORE_KEY);
      }
    } catch (error) {
      // Storage full or refused: the details still work on this page.
    }
  }

  function load() {
    const kept = readStore("localStorage");
    remember = kept !== null;
    values = kept || readStore("sessionStorage") || Object.create(null);
  }

  function save() {
    writeStore("sessionStorage", values);
    writeStore("localStorage", remember ? values : null);
  }

  /* ---- Blanks and message text -------------------------------------------- */

  function valueOf(field) {
    return Message.cleanValue(values[field] || "");
  }

  /** Put each value into every blank for its field; an empty value shows the [Label] again. */
  function fillBlanks() {
    for (const blank of document.querySelectorAll(".ktb-blank[data-field]")) {
      if (!blank.hasAttribute("data-label")) {
        blank.setAttribute("data-label", blank.textContent);
      }
      const value = valueOf(blank.getAttribute("data-field"));
      blank.textContent = value || blank.getAttribute("data-label");
      blank.toggleAttribute("data-filled", Boolean(value));
    }
  }

  /** A paragraph's text with <br> as a line break. */
  function paragraphText(paragraph) {
    let text = "";
    for (const node of paragraph.childNodes) {
      text += node.nodeName === "BR" ? "\n" : node.textContent;
    }
    return text;
  }

  function subjectOf(card) {
    const subject = card.querySelector('[data-part="subject"]');
    return subject ? subject.textContent : "";
  }

  function bodyOf(card) {
    const paragraphs = card.querySelectorAll(".ktb-template__text p");
    return Array.from(paragraphs, paragraphText).join("\n\n");
  }

  /** The labels of the blanks in a card that are still empty, each once. */
  function emptyBlanks(card) {
    const labels = [];
    for (const blank of card.querySelectorAll(".ktb-blank:not([data-filled])")) {
      const label = (blank.getAttribute("data-label") || "").replace(/^\[|\]$/g, "");
      if (!labels.includes(label)) {
        labels.push(label);
      }
    }
    return labels;
  }

  function blanksSentence(labels) {
    const values = { count: String(labels.length), labels: labels.join(", ") };
    return word(labels.length === 1 ? "js.blank_list" : "js.blanks_list", values);
  }

  /* ---- Clipboard ---------------------------------------------------------- */

  /** Copy plain text; the older execCommand route covers pages served over plain http. */
  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (error) {
        // fall through to the older route
      }
    }
    const active = document.activeElement;
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "ktb-offscreen";
    document.body.appendChild(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    area.remove();
    if (active && typeof active.focus === "function") {
      active.focus();
    }
    return done;
  }

  /** Say something in a live region; emptied first so the same words are announced again. */
  function announce(region, words) {
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = words;
    }, 50);
  }

  /* ---- Buttons and the blanks form on each written message ------------------- */

  const cards = [];
  const RECIPIENT = "contact_email"; // the recipient typed at an email, kept with the other details

  function button(label, describedBy, secondary) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = secondary ? "ktb-button ktb-button--secondary" : "ktb-button";
    element.textContent = label;
    if (describedBy) {
      element.setAttribute("aria-describedby", describedBy);
    }
    return element;
  }

  function link(label, describedBy) {
    const element = document.createElement("a");
    element.className = "ktb-button ktb-button--secondary";
    element.textContent = label;
    element.setAttribute("aria-describedby", describedBy);
    return element;
  }

  function paragraph(className, text) {
    const element = document.createElement("p");
    element.className = className;
    if (text) {
      element.textContent = text;
    }
    return element;
  }

  function setUpCard(card) {
    const scheme = WRITTEN[card.getAttribute("data-channel")];
    if (scheme === undefined || !card.querySelector(".ktb-template__text")) {
      return; // phone and voicemail: talking points, nothing to send
    }
    const title = card.querySelector(".ktb-template__title");
    const titleId = title ? title.id : "";
    const form = card.querySelector("[data-ktb-fill]");
    const actions = document.createElement("div");
    actions.className = "ktb-actions ktb-no-print";
    actions.setAttribute("data-search-exclude", "");

    // "N blanks still empty" is a way to fill them: it opens the form at the first empty one.
    const fill = button("", titleId, true);
    fill.classList.add("ktb-actions__fill");
    const copy = button(word("js.copy_message"), titleId);
    const row = document.createElement("div");
    row.className = "ktb-actions__row";
    row.appendChild(copy);
    let copySubject = null;
    if (card.querySelector('[data-part="subject"]')) {
      copySubject = button(word("js.copy_subject"), titleId, true);
      row.appendChild(copySubject);
    }
    let open = null;
    if (scheme === "mailto") {
      open = link(word("js.open_email"), titleId);
    } else if (scheme === "sms") {
      open = link(word("js.open_messages"), titleId);
    }
    if (open) {
      row.appendChild(open);
    }
    actions.append(fill, row);
    if (scheme === "mailto") {
      actions.appendChild(paragraph("ktb-actions__note",
        word("js.reply_note")));
    }
    const status = paragraph("ktb-actions__status");
    status.setAttribute("role", "status");
    actions.appendChild(status);
    card.appendChild(actions);

    const entry = {
      card: card, form: form, fill: fill, copy: copy, copySubject: copySubject, open: open,
      scheme: scheme, status: status, pending: "",
    };
    copy.addEventListener("click", function () {
      onCopy(entry);
    });
    if (copySubject) {
      copySubject.addEventListener("click", async function () {
        const done = await copyText(subjectOf(card));
        announce(status, done ? word("js.subject_copied") : word("js.subject_copy_failed"));
      });
    }
    fill.addEventListener("click", function () {
      openForm(entry, true);
    });
    // Tap a blank in the message: its box in the form takes the focus.
    card.addEventListener("click", function (event) {
      const blank = event.target.closest ? event.target.closest(".ktb-blank[data-field]") : null;
      if (blank && form) {
        openForm(entry, false);
        const input = form.querySelector('input[data-field="' + blank.getAttribute("data-field") + '"]');
        if (input) {
          input.focus();
        }
      }
    });
    card.addEventListener("ktb:fill", function () {
      openForm(entry, false);
    });
    if (form) {
      setUpInputs(form);
      const inputs = Array.from(form.querySelectorAll("input[data-field], input[data-recipient]"));
      // Enter (the phone keyboard's "next") moves on to the next empty blank's box; when every
      // blank is filled, to Copy message. The optional address box is a tap (or Tab) away.
      inputs.forEach(function (input, index) {
        input.addEventListener("keydown", function (event) {
          if (event.key !== "Enter") {
            return;
          }
          event.preventDefault();
          const rest = inputs.slice(index + 1).concat(inputs.slice(0, index));
          const next = rest.find(function (i) { return !i.value && i.hasAttribute("data-field"); });
          (next || copy).focus();
        });
      });
    }
    cards.push(entry);
  }

  /** Show a card's form; with `focusFirst`, put the focus in its first empty box. */
  function openForm(entry, focusFirst) {
    if (!entry.form) {
      return;
    }
    entry.form.hidden = false;
    if (focusFirst) {
      const inputs = Array.from(entry.form.querySelectorAll("input[data-field]"));
      const first = inputs.find(function (i) { return !i.value; }) || inputs[0];
      if (first) {
        first.focus();
      }
    }
    refreshFill(entry);
  }

  /** Copy the filled body; with blanks still empty, say how many first and copy on the second press. */
  async function onCopy(entry) {
    const empty = emptyBlanks(entry.card);
    const key = empty.join("|");
    if (empty.length && entry.pending !== key) {
      entry.pending = key;
      entry.copy.textContent = word("js.copy_anyway");
      announce(entry.status, blanksSentence(empty) + " " + word("js.fill_or_copy"));
      return;
    }
    const done = await copyText(Message.plainText(bodyOf(entry.card)));
    resetCopy(entry);
    if (!done) {
      announce(entry.status, word("js.copy_failed"));
    } else if (empty.length) {
      announce(entry.status, empty.length === 1 ? word("js.copied_blank") : word("js.copied_blanks", { count: empty.length }));
    } else {
      announce(entry.status, entry.copySubject ? word("js.copied_email") : word("js.copied"));
    }
  }

  function resetCopy(entry) {
    entry.pending = "";
    entry.copy.textContent = word("js.copy_message");
  }

  /** The "N blanks still empty" button: says how many, and hides once the open form has them all. */
  function refreshFill(entry) {
    const empty = emptyBlanks(entry.card);
    const formOpen = entry.form && !entry.form.hidden;
    const one = empty.length === 1;
    entry.fill.textContent = empty.length
      ? (one ? word("js.blank_empty") : word("js.blanks_empty", { count: empty.length }))
      : word("js.change_details");
    entry.fill.hidden = !entry.form || (formOpen && !empty.length);
  }

  /** Refresh a card's link and its "N blanks still empty" button after the details changed. */
  function refreshCard(entry) {
    refreshFill(entry);
    if (entry.pending) {
      resetCopy(entry);
      entry.status.textContent = "";
    }
    if (entry.scheme === "mailto") {
      entry.open.href = Message.mailtoHref(subjectOf(entry.card), bodyOf(entry.card), values[RECIPIENT] || "");
    } else if (entry.scheme === "sms") {
      entry.open.href = Message.smsHref(bodyOf(entry.card));
    }
  }

  function update() {
    fillBlanks();
    cards.forEach(refreshCard);
  }

  /* ---- Text boxes: the library's panel and each message's form ------------------ */

  /** Every box and "remember" tick on the page shows the current details. */
  function showValues() {
    for (const input of document.querySelectorAll(".md-typeset input[data-field]")) {
      if (input !== document.activeElement) {
        input.value = values[input.getAttribute("data-field")] || "";
      }
    }
    for (const input of document.querySelectorAll(".md-typeset input[data-recipient]")) {
      if (input !== document.activeElement) {
        input.value = values[RECIPIENT] || "";
      }
    }
    for (const box of document.querySelectorAll("[data-ktb-remember]")) {
      box.checked = remember;
    }
  }

  function setUpInputs(root) {
    for (const input of root.querySelectorAll("input[data-field], input[data-recipient]")) {
      input.maxLength = MAX_LENGTH;
      input.addEventListener("input", function () {
        const field = input.hasAttribute("data-recipient") ? RECIPIENT : input.getAttribute("data-field");
        if (input.value) {
          values[field] = input.value;
        } else {
          delete values[field];
        }
        save();
        showValues();
        update();
      });
    }
    for (const box of root.querySelectorAll("[data-ktb-remember]")) {
      box.addEventListener("change", function () {
        remember = box.checked;
        save();
        showValues();
        const status = root.querySelector("[data-ktb-details-status]");
        if (status) {
          announce(status, remember
            ? word("js.kept")
            : word("js.cleared_on_close"));
        }
      });
    }
  }

  /* ---- The "Your details" panel (the library) ------------------------------------ */

  function setUpPanel(panel) {
    const forget = panel.querySelector("[data-ktb-forget]");
    const status = panel.querySelector("[data-ktb-details-status]");
    setUpInputs(panel);
    if (forget) {
      forget.addEventListener("click", function () {
        values = Object.create(null);
        remember = false;
        save();
        showValues();
        update();
        announce(status, word("js.cleared"));
      });
    }
    panel.hidden = false;
  }

  /* ---- Links into closed tabs ------------------------------------------------ */

  /**
   * When the address names a tab (#short-notice), open it. When it points inside a tab that is not
   * open, open that tab and scroll there.
   */
  function revealTarget() {
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    const target = id && document.getElementById(id);
    if (target && target.matches(".tabbed-set > input[type=radio]")) {
      if (!target.checked) {
        target.checked = true;
        target.dispatchEvent(new Event("change"));
      }
      return;
    }
    const block = target && target.closest(".tabbed-block");
    if (!block) {
      return;
    }
    const set = block.closest(".tabbed-set");
    const blocks = Array.from(block.parentElement.children);
    const input = set.querySelectorAll(":scope > input")[blocks.indexOf(block)];
    if (input && !input.checked) {
      input.checked = true;
      input.dispatchEvent(new Event("change"));
      target.scrollIntoView();
    }
  }

  /* ---- Focus on a tab ---------------------------------------------------------- */

  /**
   * A tab's radio is visually hidden; when the keyboard focuses it, bring its label into view
   * (Material scrolls only the checked tab, and a page may have none checked yet).
   */
  function showFocusedTab(event) {
    const input = event.target;
    if (!input.matches || !input.matches(".tabbed-set > input[type=radio]")) {
      return;
    }
    const label = input.labels && input.labels[0];
    if (label) {
      label.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  /* ---- Other tabs ------------------------------------------------------------ */

  /**
   * Another tab of this site changed the kept details. "Forget my details" there removes them
   * here too (this tab's memory and its session copy), so that typing here cannot write them
   * back; details remembered there show up here.
   */
  function followOtherTabs(event) {
    if ((event.key !== STORE_KEY && event.key !== null) || event.storageArea !== storage("localStorage")) {
      return;
    }
    if (event.newValue === null) {
      values = Object.create(null);
      remember = false;
      writeStore("sessionStorage", null);
    } else {
      load();
    }
    showValues();
    update();
  }

  /* ---- Start --------------------------------------------------------------- */

  window.addEventListener("storage", followOtherTabs);
  load();
  document.querySelectorAll(".ktb-template").forEach(setUpCard);
  const panel = document.querySelector("[data-ktb-details]");
  if (panel) {
    setUpPanel(panel);
  }
  showValues();
  update();
  // Back/forward cache: another page may have changed the details meanwhile.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      load();
      showValues();
      update();
    }
  });
  revealTarget();
  window.addEventListener("hashchange", revealTarget);
  document.addEventListener("focusin", showFocusedTab);
})();
