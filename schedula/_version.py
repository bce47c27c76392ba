# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Version and release metadata of schedula.

Only the dunder names listed in ``__all__`` are re-exported by
``from ._version import *`` in the package ``__init__``; the plain
:data:`version` variable stays here (``schedula.version`` does not exist).
"""

__all__ = (
    '__title__', '__version__', '__updated__', '__author__', '__license__',
    '__copyright__'
)

#: Release of schedula (plain name, not re-exported by the package). The
#: number stays API-compatible with schedula 1.2.0, whose interface this
#: re-implementation follows; the date, authors and copyright are our own.
version = '1.2.0'

__title__ = 'schedula'
__version__ = version
__updated__ = '2026-12-04 21:00:00'
__author__ = 'the schedula developers'
__license__ = 'EUPL, see LICENSE.txt'
__copyright__ = 'Copyright 2015-2026, the schedula developers'
