# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
The web API of a model: every dispatcher, sub-dispatcher and function of it
as a JSON POST endpoint (see :mod:`~schedula.utils.web.service`).
"""
