"""One Followup per data folder: a second launch asks the first to raise its
window (over a QLocalServer) and exits, so nothing is ever notified twice."""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)
MESSAGE = b"raise\n"


def server_name(data_dir: Path) -> str:
    """Per user and per data folder: two folders are two separate apps."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name (a container's uid)
        user = "user"
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"followup-{user}-{digest}"


class SingleInstance(QObject):
    activated = Signal()  # a second launch asked this one to come forward

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server: QLocalServer | None = None

    def _tell_first(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(1000):
            return False
        socket.write(MESSAGE)
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def claim(self) -> bool:
        """True if this is the first instance (now listening); False if
        another one runs and was asked to come forward."""
        if self._tell_first():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Either a stale socket left by a crash, or another instance that
            # started at the same moment: ask once more before cleaning up.
            if self._tell_first():
                return False
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                log.warning("cannot listen on %s: %s; running without single-instance", self.name, server.errorString())
                return True
        server.newConnection.connect(self._on_server_new_connection)
        self.server = server
        return True

    def _on_server_new_connection(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            # Read on the spot: the message is one short line written before
            # the client disconnects. (Keeping the socket for readyRead, with
            # deleteLater on disconnect, crashed when the server went first.)
            socket.waitForReadyRead(500)
            data = bytes(socket.readAll().data())
            socket.abort()
            if MESSAGE.strip() in data:
                log.info("a second launch asked this window to come forward")
                self.activated.emit()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
