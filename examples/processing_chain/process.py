# -*- coding: UTF-8 -*-
#
# Copyright 2015-2026, the schedula developers.
# Licensed under the EUPL 1.1 (see LICENSE.txt).
"""
Processing chain: read an Excel file, run the model on it, save the results.

The chain is itself a model (``Processing Model``) whose steps are
ordinary functions plus two schedula helpers:

- ``read_excel``: the input sheet as a dict of columns (pandas + openpyxl);
- ``parse_data``: :func:`schedula.map_dict` renames the columns into the
  model's data nodes with `column_mapping` (a default value: change it to
  read files with other headers);
- ``compute_outputs``: a :class:`schedula.SubDispatch` of the physical model
  (``model.py``), called with the parsed data, returns its whole solution;
- ``save_outputs``: writes every column of that solution to a new sheet.

Run it as a script (defaults: ``files/inp.xlsx`` next to this file, output
into a temporary folder)::

    python examples/processing_chain/process.py [INPUT.xlsx] [OUTPUT.xlsx]
"""
import os.path as osp
import sys
import tempfile

import numpy as np
import pandas as pd
import schedula as sh

try:
    from .model import dsp as model
except ImportError:  # Run as a script: the model is next to this file.
    sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
    from model import dsp as model

#: The example input file.
INPUT_FPATH = osp.join(osp.dirname(osp.abspath(__file__)), 'files', 'inp.xlsx')

dsp = sh.BlueDispatcher(name='Processing Model')
dsp.add_data(
    'column_mapping', default_value={'Time [s]': 'time',
                                     'Velocity [m/s]': 'velocity'},
    description='Maps the input columns to the data nodes of the model.'
)


@sh.add_function(dsp, outputs=['raw_data'])
def read_excel(input_fpath):
    """
    Reads the first sheet of an Excel file.

    :param input_fpath:
        Input file path.
    :type input_fpath: str

    :return:
        The columns of the sheet, by header.
    :rtype: dict[str, numpy.ndarray]
    """
    df = pd.read_excel(input_fpath)
    return {k: df[k].to_numpy(dtype=float) for k in df.columns}


dsp.add_function(
    'parse_data', sh.map_dict, ['column_mapping', 'raw_data'], ['data']
)
dsp.add_function(
    'compute_outputs', sh.SubDispatch(model), ['data'], ['outputs']
)


@sh.add_function(dsp, outputs=['written'])
def save_outputs(outputs, output_fpath):
    """
    Saves the model outputs into an Excel file, a column per data node.

    :param outputs:
        The model solution (time series of equal length).
    :type outputs: dict[str, numpy.ndarray]

    :param output_fpath:
        Output file path.
    :type output_fpath: str

    :return:
        The path written.
    :rtype: str
    """
    pd.DataFrame({k: np.asarray(v) for k, v in outputs.items()}).to_excel(
        output_fpath, index=False
    )
    return output_fpath


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    input_fpath = argv[0] if argv else INPUT_FPATH
    output_fpath = argv[1] if len(argv) > 1 else osp.join(
        tempfile.mkdtemp(), 'out.xlsx'
    )
    sol = dsp.register()({'input_fpath': input_fpath,
                          'output_fpath': output_fpath})
    out = sol['outputs']
    print('Read %d samples from %s' % (len(out['time']), input_fpath))
    print('Distance travelled: %.1f m' % out['distance'][-1])
    print('Peak acceleration: %.2f m/s2' % np.max(out['acceleration']))
    print('Results written to %s' % sol['written'])
    return sol


if __name__ == '__main__':
    main()
