"""A whole dossier to and from one JSON file: the schema, reading, validation, writing and
export, one module each."""
