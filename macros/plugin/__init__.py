"""The MkDocs side: the plugin's events, language editions, parallel pages and the atomic publish."""
