"""The book's sections: each turns plain dossier data into flowables, in reading order."""
