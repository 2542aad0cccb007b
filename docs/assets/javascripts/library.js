/*
 * Keep the Bridge: filter chips on the message library.
 *
 * Without JavaScript the library is a list of sections with a contents list.
 * With it, chips for timing, channel and audience narrow the list. The choice
 * lives in the address (?timing=same-day&channel=text), so it survives a reload
 * and can be shared or bookmarked. Within a group any chip may match; across
 * groups all must.
 */
(function () {
  "use strict";

  /* Interface words in the page's language, from data-ktb-words (ktb-message.js reads them). */
  const wordsHolder = document.querySelector("[data-ktb-words]");
  const word = window.KTBMessage.wordsFrom(wordsHolder && wordsHolder.getAttribute("data-ktb-words"));

  const panel = document.querySelector("[data-ktb-filters]");
  if (!panel) {
    return;
  }
  const boxes = Array.from(panel.querySelectorAll('input[type="checkbox"]'));
  const groups = Array.from(new Set(boxes.map((box) => box.name)));
  const sections = Array.from(document.querySelectorAll(".ktb-lib-scenario"));
  const cards = Array.from(document.querySelectorAll(".ktb-lib-scenario .ktb-template"));
  const count = panel.querySelector("[data-ktb-count]");
  const clear = panel.querySelector("[data-ktb-clear]");
  const empty = document.querySelector("[data-ktb-empty]");

  function chosen() {
    const picked = {};
    for (const group of groups) {
      picked[group] = boxes.filter((box) => box.name === group && box.checked).map((box) => box.value);
    }
    return picked;
  }

  function matches(card, picked) {
    return groups.every((group) => !picked[group].length || picked[group].includes(card.getAttribute("data-" + group)));
  }

  /** Hide a contents entry, in the page and in Material's table of contents, with its section. */
  function hideLinks(id, hidden) {
    for (const anchor of document.querySelectorAll('a[href="#' + id + '"]')) {
      const item = anchor.closest("li");
      if (item) {
        item.hidden = hidden;
      }
    }
  }

  /** The contents list says "(8)" after each situation; while filtering, "(3 of 8)". */
  const totals = new Map();
  function countInContents(id, section) {
    const anchor = document.querySelector('.md-content li > a[href="#' + id + '"]');
    const count = anchor && anchor.nextSibling;
    if (!count || count.nodeType !== Node.TEXT_NODE) {
      return;
    }
    if (!totals.has(id)) {
      totals.set(id, count.nodeValue);
    }
    const all = section.querySelectorAll(".ktb-template").length;
    const shown = section.querySelectorAll(".ktb-template:not([hidden])").length;
    count.nodeValue = shown === all ? totals.get(id) : " (" + shown + " of " + all + ")";
  }

  function apply() {
    const picked = chosen();
    let shown = 0;
    for (const card of cards) {
      card.hidden = !matches(card, picked);
      shown += card.hidden ? 0 : 1;
      const title = card.querySelector(".ktb-template__title[id]");
      if (title) {
        hideLinks(title.id, card.hidden);
      }
    }
    for (const section of sections) {
      for (const timing of section.querySelectorAll(".ktb-lib-timing")) {
        timing.hidden = !timing.querySelector(".ktb-template:not([hidden])");
        const heading = timing.querySelector("h3[id]");
        if (heading) {
          hideLinks(heading.id, timing.hidden);
        }
      }
      section.hidden = !section.querySelector(".ktb-template:not([hidden])");
      const heading = section.querySelector("h2[id]");
      if (heading) {
        hideLinks(heading.id, section.hidden);
        countInContents(heading.id, section);
      }
    }
    const filtering = boxes.some((box) => box.checked);
    count.textContent = filtering
      ? word("js.showing_some", { shown: shown, total: cards.length })
      : word("showing_all", { count: cards.length });
    clear.disabled = !filtering;
    if (empty) {
      empty.hidden = shown > 0;
    }
  }

  function readAddress() {
    const params = new URLSearchParams(location.search);
    for (const box of boxes) {
      const wanted = params.getAll(box.name).flatMap((value) => value.split(","));
      box.checked = wanted.includes(box.value);
    }
  }

  function writeAddress() {
    const params = new URLSearchParams(location.search);
    groups.forEach((group) => params.delete(group));
    for (const box of boxes) {
      if (box.checked) {
        params.append(box.name, box.value);
      }
    }
    const url = new URL(location.href);
    url.search = params.toString();
    try {
      history.replaceState(history.state, "", url.href);
    } catch (error) {
      // Some browsers refuse to change the address of a page opened from disk; filtering still works.
    }
  }

  for (const box of boxes) {
    box.addEventListener("change", function () {
      apply();
      writeAddress();
    });
  }
  clear.addEventListener("click", function () {
    boxes.forEach((box) => {
      box.checked = false;
    });
    apply();
    writeAddress();
    boxes[0].focus();
  });
  window.addEventListener("popstate", function () {
    readAddress();
    apply();
  });

  readAddress();
  apply();
  panel.hidden = false;
})();
