# Developer commands of schedula (run them from the repository root).
#
#   make install   install schedula in development mode with all extras
#   make test      run the test suite (tests, module doctests, README)
#   make demo      run the README tutorial end to end (examples/demo.py)
#   make bench     run the benchmarks (python -m benchmarks)
#   make docs      build the HTML documentation into doc/_build/html

PYTHON ?= python

.PHONY: install graphviz browser test demo bench docs clean

install: graphviz browser
	$(PYTHON) -m pip install -e '.[all,test,examples,bench]'

# The `plot` extra needs Graphviz's `dot`: install it when it is missing and
# we may do so (root on a Debian-like system); otherwise just warn.
graphviz:
	@if ! command -v dot >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update && apt-get install -y graphviz; \
		else \
			echo "warning: Graphviz 'dot' not found; plotting will not work." >&2; \
		fi; \
	fi

# The browser test drives Debian's Chromium through its chromedriver: install
# them (and Graphviz) when missing and we may (root with apt-get).
browser:
	@if ! command -v chromium >/dev/null 2>&1 || \
			! command -v chromedriver >/dev/null 2>&1 || \
			! command -v dot >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update && \
			apt-get install -y chromium chromium-driver graphviz; \
		else \
			echo "warning: chromium/chromedriver not found; the browser test will fail." >&2; \
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
