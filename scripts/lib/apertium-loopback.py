# Runs Apertium APy (Debian's apertium-apy) bound to 127.0.0.1 only: APy has no option for the
# address and would listen on every interface. Also ends APy and its pipelines when the process
# that started it is gone, so a killed Parley leaves nothing behind. Arguments are APy's own.
import os
import signal
import sys

import tornado.ioloop
import tornado.tcpserver

_bind = tornado.tcpserver.TCPServer.bind


def bind(self, port, address=None, *args, **kwargs):
    return _bind(self, port, '127.0.0.1', *args, **kwargs)


tornado.tcpserver.TCPServer.bind = bind

parent = os.getppid()


def watch_parent():
    if os.getppid() != parent:
        os.killpg(os.getpgrp(), signal.SIGTERM)


tornado.ioloop.PeriodicCallback(watch_parent, 2000).start()

from apertium_apy.apy import main  # noqa: E402

sys.argv[0] = 'apertium-apy'
main()
