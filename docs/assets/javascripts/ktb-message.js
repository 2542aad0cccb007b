/*
 * Keep the Bridge: the text of a message and the links that open it in another app.
 *
 * Pure functions, no DOM: the page uses them (window.KTBMessage) and so do the
 * tests under Node's own test runner (require). A filled-in message leaves the
 * page only as a `mailto:` or `sms:` link the user chooses to open, or on the
 * clipboard when they press Copy.
 */
(function (root, factory) {
  "use strict";
  const api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.KTBMessage = api;
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const LINE_BREAK = /\r\n|\r|\n/g;
  // A lone half of a surrogate pair cannot be percent-encoded (encodeURIComponent throws).
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

  /** Text that is safe to encode: every string is made well formed, never rejected. */
  function wellFormed(text) {
    return String(text == null ? "" : text).replace(LONE_SURROGATE, "\uFFFD");
  }

  /** A value from the "Your details" panel as it goes into a message: one line, trimmed. */
  function cleanValue(value) {
    return wellFormed(value).replace(/[\r\n\t]+/g, " ").trim();
  }

  /**
   * What Copy puts on the clipboard: the body alone, exactly what goes into the message box.
   * The subject has its own Copy button; a "Subject:" line pasted into a body would be sent.
   */
  function plainText(body) {
    return wellFormed(body);
  }

  // One plain address: no spaces, commas or characters that could start another header.
  const ADDRESS = /^[^\s@,;:?&#%<>"'()\[\]\\]+@[^\s@,;:?&#%<>"'()\[\]\\]+\.[^\s@,;:?&#%<>"'()\[\]\\]+$/;

  /** A recipient typed by the user, if it is one plain email address; "" otherwise. */
  function cleanAddress(value) {
    const address = cleanValue(value);
    return ADDRESS.test(address) ? address : "";
  }

  /** Every line break as CRLF, which RFC 6068 asks for in a mailto: body. */
  function crlf(text) {
    return wellFormed(text).replace(LINE_BREAK, "\r\n");
  }

  /** A subject is one header line: a line break in it becomes a space. */
  function oneLine(text) {
    return wellFormed(text).replace(LINE_BREAK, " ");
  }

  /**
   * A mailto: link (RFC 6068). The recipient goes in `to` only when it is one plain address
   * (cleanAddress); otherwise there is none and the user picks it in their email app.
   * Each value is percent-encoded whole with encodeURIComponent, so "&", "?", "#",
   * "=" or a line break in it can never start another header such as cc or bcc.
   */
  function mailtoHref(subject, body, to) {
    const address = cleanAddress(to);
    const fields = [];
    if (subject) {
      fields.push("subject=" + encodeURIComponent(oneLine(subject)));
    }
    if (body) {
      fields.push("body=" + encodeURIComponent(crlf(body)));
    }
    const path = address ? encodeURIComponent(address).replace("%40", "@") : "";
    return "mailto:" + path + (fields.length ? "?" + fields.join("&") : "");
  }

  /**
   * An sms: link (RFC 5724) with no recipient. "?&body=" is the form that both
   * Android and iOS Messages read; the body is percent-encoded whole.
   */
  function smsHref(body) {
    return "sms:?&body=" + encodeURIComponent(wellFormed(body).replace(LINE_BREAK, "\n"));
  }

  /**
   * The page's interface words (the JSON of its data-ktb-words: macros/data/ui.py, scenarios/<lang>/_ui.yml),
   * as word(key, {name: value}), which fills each {name}; an unknown key comes back as itself.
   */
  function wordsFrom(json) {
    let words = {};
    try {
      words = json ? JSON.parse(json) : {};
    } catch (error) {
      words = {};
    }
    return function word(key, values) {
      let text = Object.prototype.hasOwnProperty.call(words, key) ? String(words[key]) : key;
      for (const name of Object.keys(values || {})) {
        text = text.split("{" + name + "}").join(String(values[name]));
      }
      return text;
    };
  }

  return {
    wordsFrom: wordsFrom,
    cleanValue: cleanValue,
    cleanAddress: cleanAddress,
    plainText: plainText,
    mailtoHref: mailtoHref,
    smsHref: smsHref,
  };
});
