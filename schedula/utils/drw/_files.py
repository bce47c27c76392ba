# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Writes the files of a site (pages and their extra files): shared by the
static build of a site map and the pages a site serves on demand.
"""
import os
import shutil


def write_file(key, path, directory, context, written=None):
    """
    Writes the site file of the rule `key` (``(page, extra)``) at `path`
    under `directory`; returns its path (``None`` if it failed).

    `written` (``{page text: file path}``) makes equal pages (e.g. the code
    of a function used by many nodes) hard links of the first one written,
    where the file system allows it: creating a file costs much more.
    """
    page, extra = key
    filepath = os.path.join(directory, *path.split('/'))
    os.makedirs(os.path.dirname(filepath) or '.', exist_ok=True)
    if os.path.lexists(filepath):
        os.remove(filepath)  # It may be a link shared with other pages.
    if extra is None:
        text = page.render(context, path)
        if text is None:
            return None
        if written is not None:
            if text in written and _link(written[text], filepath):
                return filepath
            written[text] = filepath
        with open(filepath, 'w', encoding='utf-8') as file:
            file.write(text)
        return filepath
    source = page.extra_files[extra]
    if callable(source):
        with open(filepath, 'w', encoding='utf-8') as file:
            file.write(source(context))
    else:
        with source.open('rb') as src, open(filepath, 'wb') as dst:
            shutil.copyfileobj(src, dst)
    return filepath


def _link(source, filepath):
    try:
        os.link(source, filepath)
        return True
    except OSError:  # No hard links here: the page is written.
        return False
