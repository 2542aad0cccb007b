"""The one Brand model: loaded from brand.yml, checked, and shown on the site and in print."""
