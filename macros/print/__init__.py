"""The print edition: the model as JSON data, the Typst templates that lay it out, and the Typst runner."""
