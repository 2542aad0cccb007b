/* Keep the Bridge: the interactive guide. It turns the flowchart's step list into one question at a
   time, then asks how much notice is left and who you deal with, and opens the scenario page there.
   Progressive enhancement: without this file the list of questions and links works on its own.
   Text from the page or the URL is only ever set with textContent, never as HTML. */
(function () {
  "use strict";

  /* Interface words in the page's language, from data-ktb-words (ktb-message.js reads them). */
  var wordsHolder = document.querySelector("[data-ktb-words]");
  var word = window.KTBMessage.wordsFrom(wordsHolder && wordsHolder.getAttribute("data-ktb-words"));

  var AUDIENCES = {
    "agency": word("js.audience.agency"),
    "in-house": word("js.audience.in-house"),
    "hiring-manager": word("js.audience.hiring-manager")
  };
  var TIMINGS = ["ahead", "short-notice", "same-day", "missed"];

  // The address's #part as text; null when it holds a malformed escape such as a lone "%".
  function decodeHash(hash) {
    try {
      return decodeURIComponent(hash);
    } catch (error) {
      return null;
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // The page for one answer: the audience and timing in the query, and the page's "In short" as the
  // anchor, so the browser (and Material's tabs, which act on an anchor naming a tab) land on the
  // advice rather than on the tab further down.
  function withAudience(href, audience) {
    var cut = href.indexOf("#");
    var base = cut < 0 ? href : href.slice(0, cut);
    var timing = cut < 0 ? "" : href.slice(cut + 1);
    var join = base.indexOf("?") < 0 ? "?" : "&";
    var query = "audience=" + encodeURIComponent(audience) + (timing ? "&timing=" + encodeURIComponent(timing) : "");
    return base + join + query + "#in-short";
  }

  // --- The guide on the flowchart page ---------------------------------------

  function Guide(root) {
    this.root = root;
    this.prefix = root.getAttribute("data-prefix") || "fc";
    this.start = root.getAttribute("data-start");
    this.steps = Array.prototype.slice.call(root.querySelectorAll("section.ktb-step"));
    this.parents = {};
    var self = this;
    this.steps.forEach(function (step) {
      step.querySelectorAll("li[data-next]").forEach(function (li) {
        var child = self.prefix + "-q-" + li.getAttribute("data-next");
        if (!self.parents[child]) self.parents[child] = step.id;
      });
    });
    this.end = el("section", "ktb-step ktb-step--end");
    this.end.hidden = true;
    root.appendChild(this.end);
    this.nav = el("div", "ktb-guide__nav");
    this.back = el("button", "ktb-guide__back", word("js.back"));
    this.back.type = "button";
    this.restart = el("button", "ktb-guide__restart", word("js.start_again"));
    this.restart.type = "button";
    this.nav.appendChild(this.back);
    this.nav.appendChild(this.restart);
    root.appendChild(this.nav);
    this.back.addEventListener("click", function () { self.go(self.parentOf(self.state)); });
    this.restart.addEventListener("click", function () { self.go(self.start); });
    root.addEventListener("click", function (event) { self.onClick(event); });
    // Other anchors on the page (a heading, the chart) leave the guide where it is.
    window.addEventListener("hashchange", function () {
      var state = self.parse(location.hash.slice(1));
      if (state) self.show(state, true);
    });
    root.classList.add("ktb-guide");
    var initial = this.parse(location.hash.slice(1));
    this.show(initial || { question: this.start }, Boolean(initial));
  }

  // The answer <li> that leads to a scenario, found in the list itself.
  Guide.prototype.answerFor = function (scenario) {
    var found = null;
    this.root.querySelectorAll("li[data-scenario]").forEach(function (li) {
      if (!found && li.getAttribute("data-scenario") === scenario) found = li;
    });
    return found;
  };

  // A state is a question id, "PREFIX-to-SCENARIO" (how much notice) or "PREFIX-to-SCENARIO/TIMING" (who).
  Guide.prototype.parse = function (hash) {
    var id = decodeHash(hash);
    if (id === null) return null;
    if (document.getElementById(id) && this.steps.some(function (s) { return s.id === id; })) {
      return { question: id };
    }
    var head = this.prefix + "-to-";
    if (id.indexOf(head) !== 0) return null;
    var parts = id.slice(head.length).split("/");
    var answer = this.answerFor(parts[0]);
    if (!answer) return null;
    var timing = parts[1] || answer.getAttribute("data-timing");
    if (timing && (TIMINGS.indexOf(timing) < 0 || !this.timingLink(answer, timing))) return null;
    return { answer: answer, timing: timing || null, id: id };
  };

  // The real link for one timing of a scenario: the list's own href, never a guessed one.
  Guide.prototype.timingLink = function (answer, timing) {
    if (answer.getAttribute("data-timing") === timing) {
      return { href: answer.querySelector("a").getAttribute("href"), audiences: answer.getAttribute("data-audiences") };
    }
    var link = answer.querySelector('a[data-timing="' + timing + '"]');
    return link ? { href: link.getAttribute("href"), audiences: link.getAttribute("data-audiences") } : null;
  };

  Guide.prototype.questionOf = function (answer) {
    var step = answer.closest("section.ktb-step");
    return step ? step.id : this.start;
  };

  Guide.prototype.parentOf = function (state) {
    if (!state) return this.start;
    if (state.question) return this.parents[state.question] || this.start;
    if (state.timing && !state.answer.getAttribute("data-timing")) {
      return this.prefix + "-to-" + state.answer.getAttribute("data-scenario");
    }
    return this.questionOf(state.answer);
  };

  Guide.prototype.go = function (id) {
    if (location.hash.slice(1) === id) this.show(this.parse(id) || { question: this.start }, true);
    else location.hash = id;
  };

  Guide.prototype.onClick = function (event) {
    var link = event.target.closest ? event.target.closest("a") : null;
    if (!link || !this.root.contains(link) || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var answer = link.parentElement;
    if (!answer || !answer.matches("li.ktb-answer[data-scenario]")) return;
    var scenario = answer.getAttribute("data-scenario");
    var timing = answer.getAttribute("data-timing");
    var next = this.prefix + "-to-" + scenario + (timing ? "/" + timing : "");
    if (!this.parse(next)) return;  // not a state the guide knows: follow the link itself
    event.preventDefault();
    this.go(next);
  };

  Guide.prototype.show = function (state, moveFocus) {
    this.state = state;
    this.steps.forEach(function (step) { step.hidden = step.id !== state.question; });
    this.end.hidden = !!state.question;
    var current = state.question ? document.getElementById(state.question) : this.end;
    if (!state.question) this.fillEnd(state);
    this.back.hidden = state.question === this.start;
    this.restart.hidden = state.question === this.start;
    var heading = current.querySelector("h2, h3, h4, h5, h6");
    if (moveFocus && heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  };

  Guide.prototype.fillEnd = function (state) {
    var answer = state.answer;
    var level = (this.steps[0].querySelector("h2, h3, h4, h5, h6") || { tagName: "H3" }).tagName;
    while (this.end.firstChild) this.end.removeChild(this.end.firstChild);
    this.end.id = state.id;
    var heading = el(level.toLowerCase(), "ktb-step__question",
      state.timing ? word("js.who") : word("js.notice"));
    this.end.appendChild(heading);
    var intro = el("p", "ktb-step__hint");
    intro.appendChild(document.createTextNode(word("js.your_situation")));
    intro.appendChild(el("strong", "", answer.getAttribute("data-title")));
    this.end.appendChild(intro);
    var list = el("ul", "ktb-guide__options");
    if (state.timing) this.audienceOptions(answer, state.timing, list);
    else this.timingOptions(answer, list);
    this.end.appendChild(list);
  };

  Guide.prototype.timingOptions = function (answer, list) {
    var self = this;
    var scenario = answer.getAttribute("data-scenario");
    answer.querySelectorAll("a[data-timing]").forEach(function (real) {
      var timing = real.getAttribute("data-timing");
      var href = "#" + self.prefix + "-to-" + scenario + "/" + timing;
      var link = el("a", "", real.textContent);
      link.setAttribute("href", href);
      link.appendChild(el("span", "ktb-guide__option-hint", real.getAttribute("data-hint")));
      var item = el("li");
      item.appendChild(link);
      list.appendChild(item);
    });
  };

  Guide.prototype.audienceOptions = function (answer, timing, list) {
    var target = this.timingLink(answer, timing);
    // Every audience is offered: where a situation has no message for one, its page says so and
    // shows the closest message (macros/site/advice.py).
    var audiences = Object.keys(AUDIENCES);
    var choices = audiences.map(function (a) { return [AUDIENCES[a], withAudience(target.href, a)]; });
    choices.push([word("js.someone_else"), target.href]);
    choices.forEach(function (choice) {
      var link = el("a", "", choice[0]);
      link.setAttribute("href", choice[1]);
      var item = el("li");
      item.appendChild(link);
      list.appendChild(item);
    });
  };

  // --- On a scenario page: the advice and the message that match the answers, first ----
  // Which messages come first is decided at build time from the data (macros/site/advice.py) and
  // written on each timing's block as data-first-AUDIENCE (ids) and data-note-AUDIENCE (text).

  var TIMING_WORDS = {
    "ahead": word("js.left.ahead"),
    "short-notice": word("js.left.short-notice"),
    "same-day": word("js.left.same-day"),
    "missed": word("js.left.missed")
  };

  function showMatch() {
    var params = new URLSearchParams(location.search);
    var audience = params.get("audience");
    // The guide's links say ?audience=...&timing=...#in-short; older links put the timing in the anchor.
    var timing = params.get("timing") || decodeHash(location.hash.slice(1));
    if (!AUDIENCES[audience] || TIMINGS.indexOf(timing) < 0) return;
    var block = document.querySelector('.tabbed-block[data-timing="' + timing + '"]');
    var inShort = document.querySelector(".ktb-inshort");
    if (!block || !inShort) return;
    var ids = (block.getAttribute("data-first-" + audience) || "").split(" ").filter(Boolean);
    var cards = ids.map(function (id) {
      return block.querySelector('.ktb-template[data-template="' + CSS.escape(id) + '"]');
    }).filter(Boolean);
    if (!cards.length) return;

    var section = el("section", "ktb-foryou");
    section.id = "for-you";
    section.setAttribute("aria-labelledby", "for-you-title");
    section.setAttribute("data-search-exclude", "");
    var heading = el("h2", "ktb-foryou__title", word("js.what_now"));
    heading.id = "for-you-title";
    section.appendChild(heading);
    var answers = el("p", "ktb-foryou__answers");
    answers.appendChild(document.createTextNode(word("js.your_answers")));
    answers.appendChild(el("strong", "", TIMING_WORDS[timing] + ", " + AUDIENCES[audience].toLowerCase() + "."));
    section.appendChild(answers);
    var rule = block.querySelector("[data-ktb-rule]");
    if (rule) section.appendChild(el("p", "ktb-foryou__rule", rule.textContent));
    var note = block.getAttribute("data-note-" + audience);
    if (note) section.appendChild(el("p", "ktb-foryou__note", note));
    cards.forEach(function (card, index) {
      if (cards.length > 1) {
        section.appendChild(el("p", "ktb-foryou__step",
          index === 0 ? word("js.call_first") : word("js.then_write")));
      }
      card.classList.add("ktb-template--match");
      section.appendChild(card);  // moved, not copied: ids stay unique
    });
    var more = el("p", "ktb-foryou__more");
    var all = el("a", "", word("js.every_message"));
    all.setAttribute("href", "#" + timing);
    more.appendChild(all);
    section.appendChild(more);
    inShort.parentNode.insertBefore(section, inShort.nextSibling);
    var written = cards[cards.length - 1];
    written.dispatchEvent(new CustomEvent("ktb:fill"));  // personalise.js opens its blanks form
    // Open the timing's tab too, for "Every message for this timing".
    var radio = document.getElementById(timing);
    if (radio && radio.matches('input[type="radio"]') && !radio.checked) {
      radio.checked = true;
      radio.dispatchEvent(new Event("change"));
    }
    var top = function () { inShort.scrollIntoView(); };
    top();
    window.addEventListener("load", top, { once: true });
  }

  function init() {
    document.querySelectorAll("[data-ktb-guide]").forEach(function (root) { new Guide(root); });
    showMatch();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
