# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Blueprints: deferred construction of dispatchers (work in progress).
"""

__all__ = ['Blueprint']


class Blueprint:
    """A deferred construction (the full API lands with the utilities)."""
