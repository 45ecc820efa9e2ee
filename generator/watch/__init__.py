"""`kinu-brief watch`: the author's loop — save the YAML, see both formats in a browser.

Built on generator.build (which never imports this package): changes.py says which
watched files a batch of events touched, session.py rebuilds them in this warm
process, state.py holds what the preview shows, page_images.py and docx_pages.py
draw pages, preview_page.py writes the page, server.py serves it, console.py prints
a line per rebuild, loop.py runs it all.
"""
