# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Standard-library names used by the executors, in one place.
"""
from threading import Lock
from weakref import finalize
from concurrent.futures import Future
from concurrent.futures._base import Error

__all__ = ['Lock', 'finalize', 'Future', 'Error']
