"""moto's server, as the `moto_server` command starts it, with two changes that only save time.

moto finds the service of every request by checking the host it infers against `list_of_moto_modules()`, which
lists moto's package folder and stats each of its ~180 entries, on every request: about a third of the server's
time for a small S3 GET. The folder cannot change while the server runs, so it is listed once here. And the
request log (one line per request on stderr) is left out; warnings and errors are still written.

Usage: python test/helpers/moto_server.py -H 127.0.0.1 -p <port>   (the options of `moto_server`)
"""

import logging
import sys

from moto import backends
from moto.server import main

MODULES = tuple(backends.list_of_moto_modules())
backends.list_of_moto_modules = lambda: MODULES
logging.getLogger("werkzeug").setLevel(logging.WARNING)

if __name__ == "__main__":
    main(sys.argv[1:])
