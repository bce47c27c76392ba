# Developer commands of schedula (run them from the repository root).
#
#   make install   install schedula in development mode with all extras
#   make test      run the test suite (tests, module doctests, README)
#   make demo      run the README tutorial end to end (examples/demo.py)
#   make bench     run the benchmarks (python -m benchmarks)
#   make docs      build the HTML documentation into doc/_build/html

PYTHON ?= python

.PHONY: install system-deps test demo bench docs clean

install: system-deps
	$(PYTHON) -m pip install -e '.[all,test,examples,bench]'

# Debian packages the extras and the tests need: Graphviz's `dot` (plots)
# and Chromium with its chromedriver (the browser test). Installed when
# missing and we may (root with apt-get); otherwise just warn.
system-deps:
	@if ! command -v dot >/dev/null 2>&1 || \
			! command -v chromium >/dev/null 2>&1 || \
			! command -v chromedriver >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update && \
			apt-get install -y graphviz chromium chromium-driver; \
		else \
			echo "warning: dot/chromium/chromedriver not found; plots or the browser test will fail." >&2; \
		fi; \
	fi

test: install
	$(PYTHON) -m pytest

demo: install
	$(PYTHON) examples/demo.py

bench:
	$(PYTHON) -m benchmarks

docs: install
	rm -rf doc/toctree
	$(PYTHON) -m sphinx -W -b html doc doc/_build/html

clean:
	rm -rf build dist doc/_build .pytest_cache *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
