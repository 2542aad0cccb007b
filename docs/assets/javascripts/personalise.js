/*
 * Keep the Bridge: the "Your details" panel and the buttons on each message.
 *
 * - What you type fills every blank on the page, as you type.
 * - Your details live in sessionStorage (this tab, until it closes); only if you
 *   tick "Remember on this device" are they also kept in localStorage.
 *   "Forget my details" clears both. Nothing is ever sent anywhere.
 * - Written messages get Copy, and Open in email (mailto:) or Open in messages
 *   (sms:). Phone and voicemail scripts stay talking points.
 * - A link to a message or a timing inside a closed tab opens that tab.
 *
 * User input reaches the page only through textContent, input.value and
 * percent-encoded link addresses; never through innerHTML.
 */
(function () {
  "use strict";

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
    const count = labels.length === 1 ? "1 blank is" : labels.length + " blanks are";
    return count + " still empty: " + labels.join(", ") + ".";
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

  /* ---- Buttons on each written message ------------------------------------- */

  const cards = [];

  function button(label, describedBy) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "ktb-button";
    element.textContent = label;
    element.setAttribute("aria-describedby", describedBy);
    return element;
  }

  function link(label, describedBy) {
    const element = document.createElement("a");
    element.className = "ktb-button";
    element.textContent = label;
    element.setAttribute("aria-describedby", describedBy);
    return element;
  }

  function setUpCard(card) {
    const scheme = WRITTEN[card.getAttribute("data-channel")];
    if (scheme === undefined || !card.querySelector(".ktb-template__text")) {
      return; // phone and voicemail: talking points, nothing to send
    }
    const title = card.querySelector(".ktb-template__title");
    const titleId = title ? title.id : "";
    const actions = document.createElement("div");
    actions.className = "ktb-actions ktb-no-print";
    actions.setAttribute("data-search-exclude", "");

    const copy = button("Copy", titleId);
    actions.appendChild(copy);
    let open = null;
    if (scheme === "mailto") {
      open = link("Open in email", titleId);
    } else if (scheme === "sms") {
      open = link("Open in messages", titleId);
    }
    if (open) {
      actions.appendChild(open);
    }
    const note = document.createElement("p");
    note.className = "ktb-actions__note";
    const status = document.createElement("p");
    status.className = "ktb-actions__status";
    status.setAttribute("role", "status");
    actions.append(note, status);
    card.appendChild(actions);

    const entry = { card: card, copy: copy, open: open, scheme: scheme, note: note, status: status, pending: "" };
    copy.addEventListener("click", function () {
      onCopy(entry);
    });
    cards.push(entry);
  }

  /** Copy the filled message; with blanks still empty, say how many first and copy on the second press. */
  async function onCopy(entry) {
    const empty = emptyBlanks(entry.card);
    const key = empty.join("|");
    if (empty.length && entry.pending !== key) {
      entry.pending = key;
      entry.copy.textContent = "Copy anyway";
      entry.note.hidden = true; // the status below says the same, and more
      announce(entry.status, blanksSentence(empty) + " Fill them in under Your details, or press Copy anyway.");
      return;
    }
    const text = Message.plainText(subjectOf(entry.card), bodyOf(entry.card));
    const done = await copyText(text);
    resetCopy(entry);
    if (!done) {
      announce(entry.status, "Could not copy. Select the message and copy it yourself.");
    } else if (empty.length) {
      announce(entry.status, "Copied, with " + (empty.length === 1 ? "1 blank" : empty.length + " blanks") + " to fill in.");
    } else {
      announce(entry.status, "Copied");
    }
  }

  function resetCopy(entry) {
    entry.pending = "";
    entry.copy.textContent = "Copy";
  }

  /** Refresh a card's link and its note about empty blanks after the details changed. */
  function refreshCard(entry) {
    const empty = emptyBlanks(entry.card);
    entry.note.textContent = empty.length ? blanksSentence(empty) : "";
    entry.note.hidden = !empty.length;
    if (entry.pending) {
      resetCopy(entry);
      entry.status.textContent = "";
    }
    if (entry.scheme === "mailto") {
      entry.open.href = Message.mailtoHref(subjectOf(entry.card), bodyOf(entry.card));
    } else if (entry.scheme === "sms") {
      entry.open.href = Message.smsHref(bodyOf(entry.card));
    }
  }

  function update() {
    fillBlanks();
    cards.forEach(refreshCard);
  }

  /* ---- The "Your details" panel -------------------------------------------- */

  function setUpPanel(panel) {
    const inputs = Array.from(panel.querySelectorAll("input[data-field]"));
    const rememberBox = panel.querySelector("[data-ktb-remember]");
    const forget = panel.querySelector("[data-ktb-forget]");
    const status = panel.querySelector("[data-ktb-details-status]");

    function show() {
      for (const input of inputs) {
        input.value = values[input.getAttribute("data-field")] || "";
      }
      if (rememberBox) {
        rememberBox.checked = remember;
      }
    }

    for (const input of inputs) {
      input.maxLength = MAX_LENGTH;
      input.addEventListener("input", function () {
        const field = input.getAttribute("data-field");
        if (input.value) {
          values[field] = input.value;
        } else {
          delete values[field];
        }
        save();
        update();
      });
    }
    if (rememberBox) {
      rememberBox.addEventListener("change", function () {
        remember = rememberBox.checked;
        save();
        announce(status, remember
          ? "Your details will be kept on this device until you press Forget my details."
          : "Your details will be cleared when you close this tab.");
      });
    }
    if (forget) {
      forget.addEventListener("click", function () {
        values = Object.create(null);
        remember = false;
        save();
        show();
        update();
        announce(status, "Your details are cleared from this browser.");
      });
    }
    // Back/forward cache: another page may have changed the details meanwhile.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        load();
        show();
        update();
      }
    });
    show();
    refreshPanel = show;
    panel.hidden = false;
  }

  /* ---- Links into closed tabs ------------------------------------------------ */

  /** When the address points inside a tab that is not open, open it and scroll there. */
  function revealTarget() {
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    const target = id && document.getElementById(id);
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
    refreshPanel();
    update();
  }

  /* ---- Start --------------------------------------------------------------- */

  let refreshPanel = function () {};
  window.addEventListener("storage", followOtherTabs);
  load();
  document.querySelectorAll(".ktb-template").forEach(setUpCard);
  const panel = document.querySelector("[data-ktb-details]");
  if (panel) {
    setUpPanel(panel);
  }
  update();
  revealTarget();
  window.addEventListener("hashchange", revealTarget);
})();
