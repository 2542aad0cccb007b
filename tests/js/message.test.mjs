// The message text and the mailto:/sms: links, under Node's own test runner: `node --test tests/js/`.
// The decoder below is written from RFC 6068 independently of the code under test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Message = require("../../docs/assets/javascripts/ktb-message.js");

/** A filled-in email as the page builds it: each value cleaned, then put in its place. */
function filled(values) {
  const v = (key) => Message.cleanValue(values[key]) || `[${key}]`;
  return {
    subject: `Interview for ${v("role")}: ${v("your_name")}`,
    body: `Dear ${v("contact_name")},\n\nI can no longer come to the ${v("role")} interview.\n\nKind regards,\n${v("your_name")}`,
  };
}

// RFC 6068: hfvalue = *qchar; qchar = unreserved / pct-encoded / some-delims
const HFVALUE = /^(?:[A-Za-z0-9\-._~!$'()*+,;:@]|%[0-9A-F]{2})*$/;

/** Split a mailto: URI into its address and its header fields, decoding each part once. */
function parseMailto(href) {
  assert.ok(href.startsWith("mailto:"), href);
  const rest = href.slice("mailto:".length);
  const mark = rest.indexOf("?");
  const to = mark === -1 ? rest : rest.slice(0, mark);
  const query = mark === -1 ? "" : rest.slice(mark + 1);
  const fields = (query ? query.split("&") : []).map((pair) => {
    const eq = pair.indexOf("=");
    assert.ok(eq > 0, `a header field without a name in ${href}`);
    const value = pair.slice(eq + 1);
    assert.match(value, HFVALUE, "every reserved character in a value is percent-encoded");
    return [decodeURIComponent(pair.slice(0, eq)), decodeURIComponent(value)];
  });
  return { to, fields };
}

function roundTrip(values) {
  const { subject, body } = filled(values);
  const { to, fields } = parseMailto(Message.mailtoHref(subject, body));
  return { to, fields, subject, body };
}

const HOSTILE = [
  ["& ? # % = +", "a&b?c#d%e=f+g"],
  ["header injection", "x&cc=evil@example.com&bcc=evil@example.com"],
  ["name starting with =", "=cc=evil@example.com"],
  ["emoji", "Sam 👋🏽 Rivera ✉️"],
  ["percent escapes", "%0D%0ABcc:%20evil@example.com %41"],
  ["replacement patterns", "$& $1 $$ $`"],
  ["quotes and angle brackets", `"O'Neil" <script>alert(1)</script>`],
];

for (const [name, value] of HOSTILE) {
  test(`mailto round trip: ${name}`, () => {
    const { to, fields, subject, body } = roundTrip({ your_name: value, contact_name: value, role: value });
    assert.equal(to, "", "no address is filled in for the user");
    assert.deepEqual(fields.map(([key]) => key), ["subject", "body"], "no extra header appears");
    assert.equal(fields[0][1], subject);
    assert.equal(fields[1][1], body.replace(/\n/g, "\r\n"));
    assert.ok(subject.includes(value.trim()) && body.includes(value.trim()), "the value is filled in literally");
  });
}

test("line breaks in the body become CRLF, in the subject a space", () => {
  const href = Message.mailtoHref("one\r\ntwo\nthree\rfour", "a\nb\r\nc\rd\n\ne");
  const { fields } = parseMailto(href);
  assert.deepEqual(fields, [["subject", "one two three four"], ["body", "a\r\nb\r\nc\r\nd\r\n\r\ne"]]);
  assert.ok(href.includes("a%0D%0Ab%0D%0Ac%0D%0Ad%0D%0A%0D%0Ae"), href);
  assert.ok(!/%0D%0D|%0A%0A/.test(href), "no doubled line breaks");
});

test("a value is one line: line breaks and tabs become spaces, ends are trimmed", () => {
  assert.equal(Message.cleanValue("  Priya\r\nBcc: evil@example.com\t"), "Priya Bcc: evil@example.com");
  assert.equal(Message.cleanValue(undefined), "");
  assert.equal(Message.cleanValue("   "), "");
  const { body } = filled({ contact_name: "Priya\nBcc: x@example.com" });
  assert.ok(body.startsWith("Dear Priya Bcc: x@example.com,\n"), body);
});

test("a 2,000-character body survives intact", () => {
  const long = "Thank you & goodbye? #1 100% = sure + 👍\n".repeat(60).slice(0, 2000);
  assert.equal(long.length, 2000);
  const { fields } = parseMailto(Message.mailtoHref("Long one", long));
  assert.equal(fields[1][1], long.replace(/\n/g, "\r\n"));
});

test("an empty subject or body is left out of the link", () => {
  assert.equal(Message.mailtoHref("", ""), "mailto:");
  assert.deepEqual(parseMailto(Message.mailtoHref("", "Hi")).fields, [["body", "Hi"]]);
});

test("lone surrogates are replaced, never thrown on", () => {
  const { fields } = parseMailto(Message.mailtoHref("a\uD800b", "c\uDC00d"));
  assert.deepEqual(fields, [["subject", "a\uFFFDb"], ["body", "c\uFFFDd"]]);
});

test("sms: link carries only the body, percent-encoded", () => {
  const text = "Hi Priya & team? #sorry = 100% + 👋\nSam";
  const href = Message.smsHref(text);
  assert.ok(href.startsWith("sms:?&body="), href);
  const value = href.slice("sms:?&body=".length);
  assert.match(value, HFVALUE);
  assert.equal(decodeURIComponent(value), text);
});

test("Copy copies what you paste: the body alone, never a Subject: line", () => {
  assert.equal(Message.plainText("Body\nline"), "Body\nline");
  assert.ok(!Message.plainText("Dear Priya").includes("Subject:"));
  assert.equal(Message.plainText("a\uD800b"), "a\uFFFDb");
});

test("mailto: fills `to` with one plain address, and with nothing else", () => {
  const href = Message.mailtoHref("Hi", "Body", " priya@northwind.example ");
  assert.ok(href.startsWith("mailto:priya@northwind.example?"), href);
  assert.deepEqual(parseMailto(href).fields, [["subject", "Hi"], ["body", "Body"]]);
  for (const bad of ["a@b.example?cc=x@y.example", "a@b.example,c@d.example", "a@b.example&bcc=x@y.example",
    "not an address", "a@b", "x@y.example\nBcc: z@w.example", "a@b.example#x", "<a@b.example>"]) {
    const h = Message.mailtoHref("Hi", "Body", bad);
    assert.ok(h.startsWith("mailto:?"), `${JSON.stringify(bad)} gave ${h}`);
  }
  assert.ok(Message.mailtoHref("Hi", "Body", "").startsWith("mailto:?"));
  assert.ok(Message.mailtoHref("Hi", "Body").startsWith("mailto:?"));
});

test("any text round-trips through mailto: (seeded random strings)", () => {
  const alphabet = ["a", "Z", " ", "&", "?", "#", "%", "=", "+", ";", ",", "/", ":", "@", "\n", "\r", "\r\n",
    "é", "ß", "中", "👍", "🏽", "\u200d", "\uD800", "\uDFFF", "'", '"', "<", ">", "\\", "~", "*", "(", ")", "!", "$"];
  let seed = 20261127;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const text = (n) => Array.from({ length: Math.floor(next() * n) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
  for (let i = 0; i < 400; i += 1) {
    const subject = text(40);
    const body = text(300);
    const { to, fields } = parseMailto(Message.mailtoHref(subject, body));
    const wellFormed = (s) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
    const expected = [];
    if (subject) expected.push(["subject", wellFormed(subject).replace(/\r\n|\r|\n/g, " ")]);
    if (body) expected.push(["body", wellFormed(body).replace(/\r\n|\r|\n/g, "\r\n")]);
    assert.equal(to, "");
    assert.deepEqual(fields, expected, JSON.stringify({ subject, body }));
  }
});

test("interface words: each {name} filled as text, unknown keys and broken JSON fall back to the key", () => {
  const word = Message.wordsFrom(JSON.stringify({ "js.blanks": "{count} blanks: {labels}.", "js.copy": "Copiar" }));
  assert.equal(word("js.copy"), "Copiar");
  assert.equal(word("js.blanks", { count: 2, labels: "<b>Role</b>, {count}" }), "2 blanks: <b>Role</b>, {count}.");
  assert.equal(word("js.missing"), "js.missing");
  assert.equal(Message.wordsFrom("{not json")("js.copy"), "js.copy");
  assert.equal(Message.wordsFrom(null)("js.copy"), "js.copy");
});
