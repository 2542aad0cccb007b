/*
 * Keep the Bridge: the head's <link rel="alternate" hreflang> links give the published site's addresses
 * (site_url), for search engines. Material's script fetches a sitemap.xml beside each of them. On a copy
 * opened from disk, a preview or a mirror, that would be a request to another host, which a reader's
 * visit must never make: where this page is not at the links' address, the links go before Material's
 * script runs. At the published address they stay, and no script is needed to read them.
 */
(function () {
  "use strict";
  var links = document.querySelectorAll('link[rel="alternate"][hreflang]');
  for (var i = 0; i < links.length; i++) {
    var link = links[i];
    if (new URL(link.getAttribute("href"), location.href).origin !== location.origin) {
      link.remove();
    }
  }
})();
