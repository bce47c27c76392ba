@ECHO OFF
REM Build the documentation on Windows: make.bat html (or doctest).
if "%SPHINXBUILD%" == "" set SPHINXBUILD=python -m sphinx
%SPHINXBUILD% -M %1 . _build -W
