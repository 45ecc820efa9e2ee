"""The index page of an output folder: a table of every brief, thumbnails, failures."""
